/**
 * Where a password the engineer typed is kept between runs: the OS secret
 * store (Keychain, libsecret, DPAPI through Electron's safeStorage), never a
 * plain file. The Electron layer implements this interface; services only
 * see the interface, and tests use the in-memory one below.
 */
export interface SecretStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Holds secrets in this process only: for tests and for hosts without a secret store. */
export function memorySecretStore(initial: Record<string, string> = {}): SecretStore {
  const secrets = new Map(Object.entries(initial));
  return {
    get: async (key) => secrets.get(key) ?? null,
    set: async (key, value) => {
      secrets.set(key, value);
    },
    delete: async (key) => {
      secrets.delete(key);
    },
  };
}
