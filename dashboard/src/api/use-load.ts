import { useCallback, useEffect, useState } from 'react';
import { api } from './client';

// One GET per page section: its data, its error, and a way to load again or replace the data after a change.
// While a new path loads, the last data stays on screen (filters do not blank the page).

export interface Loaded<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload(): void;
  set(data: T): void;
}

interface LoadState<T> {
  key?: string;
  data?: T;
  error?: Error;
}

export function useLoad<T>(path: string): Loaded<T> {
  const [attempt, setAttempt] = useState(0);
  const key = `${attempt} ${path}`;
  const [state, setState] = useState<LoadState<T>>({});

  useEffect(() => {
    let live = true;
    api<T>('GET', path).then(
      (data) => live && setState({ key, data }),
      (error: Error) => live && setState((previous) => ({ key, data: previous.data, error })),
    );
    return () => {
      live = false;
    };
  }, [key, path]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const set = useCallback((data: T) => setState({ key, data }), [key]);
  return { data: state.data, error: state.error, loading: state.key !== key, reload, set };
}
