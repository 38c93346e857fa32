import { useEffect, useState } from 'react';

// Light or dark: the system's choice until the person picks one, which is remembered in this browser.

export type ThemeName = 'light' | 'dark';
const KEY = 'liaison.theme';

function systemTheme(): ThemeName {
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function storedTheme(): ThemeName | undefined {
  try {
    const value = window.localStorage.getItem(KEY);
    return value === 'light' || value === 'dark' ? value : undefined;
  } catch {
    return undefined;
  }
}

export function useTheme(): [ThemeName, (theme: ThemeName) => void] {
  const [chosen, setChosen] = useState<ThemeName | undefined>(storedTheme);
  const [system, setSystem] = useState<ThemeName>(systemTheme);

  useEffect(() => {
    const query = window.matchMedia?.('(prefers-color-scheme: dark)');
    if (!query) return;
    const onChange = () => setSystem(systemTheme());
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);

  const choose = (theme: ThemeName) => {
    setChosen(theme);
    try {
      window.localStorage.setItem(KEY, theme);
    } catch {
      /* private mode: the choice lasts for this visit */
    }
  };
  return [chosen ?? system, choose];
}
