import { useEffect, useState } from 'react';
import { parseHash, type Route } from './routes';

/** The route in the address bar, kept current as links and Back change the hash. */
export function useHashRoute(): Route {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return parseHash(hash);
}
