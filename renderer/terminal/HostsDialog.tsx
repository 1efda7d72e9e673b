/**
 * The engineer's SSH host profiles: add one by hand, import ~/.ssh/config
 * (read by the host, never a path from here), delete, connect. Which hosts
 * are production is set here: prod terminals are recorded and guarded.
 */
import { useState } from 'react';
import type { CockpitHost } from '../../src/contract/host.js';
import type { HostProfile, HostRole } from '../../src/contract/terminal.js';

export interface HostsDialogProps {
  host: CockpitHost;
  profiles: HostProfile[];
  changed(): void;
  connect(profileId: string): void;
  close(): void;
}

type AuthMethod = 'agent' | 'key' | 'password';

export function HostsDialog({ host, profiles, changed, connect, close }: HostsDialogProps) {
  const [form, setForm] = useState({ name: '', host: '', port: '22', user: '', role: 'other' as HostRole, auth: 'agent' as AuthMethod, keyPath: '', apiViaSsh: false });
  const [message, setMessage] = useState<string | null>(null);
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    const auth = form.auth === 'key' ? { method: 'key' as const, keyPath: form.keyPath } : form.auth === 'password' ? { method: 'password' as const } : { method: 'agent' as const, agentSocket: null };
    const id = `profile:${form.name.trim().toLowerCase().replace(/[^a-z0-9._-]+/g, '-')}`;
    const saved = await host.call('ssh.profiles.save', {
      id,
      name: form.name,
      host: form.host,
      port: Number(form.port),
      user: form.user,
      role: form.role,
      auth,
      apiViaSsh: form.apiViaSsh,
    });
    setMessage(saved.ok ? `Saved ${saved.value.name}.` : saved.error.message);
    if (saved.ok) changed();
  };

  const importConfig = async () => {
    const result = await host.call('ssh.importConfig', {});
    if (!result.ok) return setMessage(result.error.message);
    setMessage([`Imported ${result.value.imported.length} host(s) from ~/.ssh/config.`, ...result.value.notes].join(' '));
    changed();
  };

  const remove = async (profile: HostProfile) => {
    const result = await host.call('ssh.profiles.delete', { profileId: profile.id });
    setMessage(result.ok ? `Deleted ${profile.name}.` : result.error.message);
    changed();
  };

  return (
    <div className="modal-backdrop">
      <div role="dialog" aria-modal="true" aria-labelledby="hosts-title" className="modal hosts-dialog" onKeyDown={(e) => e.key === 'Escape' && close()}>
        <h2 id="hosts-title">SSH hosts</h2>
        <table className="grid-table">
          <thead>
            <tr><th>Name</th><th>Target</th><th>Role</th><th>Login</th><th /></tr>
          </thead>
          <tbody>
            {profiles.map((p) => (
              <tr key={p.id}>
                <th scope="row">{p.name}</th>
                <td><code>{p.user}@{p.host}{p.port === 22 ? '' : `:${p.port}`}</code></td>
                <td className={p.role === 'prod' ? 'bad' : undefined}>{p.role}</td>
                <td>{p.auth.method}</td>
                <td>
                  <button type="button" onClick={() => connect(p.id)}>Connect</button>{' '}
                  <button type="button" aria-label={`Delete ${p.name}`} onClick={() => void remove(p)}>Delete</button>
                </td>
              </tr>
            ))}
            {profiles.length === 0 && <tr><td colSpan={5} className="muted">No hosts yet.</td></tr>}
          </tbody>
        </table>
        <form className="host-form" onSubmit={(e) => void save(e)} aria-label="Add a host">
          <label>Name <input required value={form.name} onChange={(e) => set({ name: e.target.value })} placeholder="hft-prod-01" /></label>
          <label>Host <input required value={form.host} onChange={(e) => set({ host: e.target.value })} /></label>
          <label>Port <input required inputMode="numeric" pattern="[0-9]+" value={form.port} onChange={(e) => set({ port: e.target.value })} /></label>
          <label>User <input required value={form.user} onChange={(e) => set({ user: e.target.value })} /></label>
          <label>Role
            <select value={form.role} onChange={(e) => set({ role: e.target.value as HostRole })}>
              <option value="prod">prod</option><option value="standby">standby</option><option value="other">other</option>
            </select>
          </label>
          <label>Login
            <select value={form.auth} onChange={(e) => set({ auth: e.target.value as AuthMethod })}>
              <option value="agent">ssh-agent</option><option value="key">key file</option><option value="password">password</option>
            </select>
          </label>
          {form.auth === 'key' && <label>Key file <input required value={form.keyPath} onChange={(e) => set({ keyPath: e.target.value })} placeholder="/home/me/.ssh/id_ed25519" /></label>}
          <label className="check"><input type="checkbox" checked={form.apiViaSsh} onChange={(e) => set({ apiViaSsh: e.target.checked })} /> API through this host's SSH</label>
          <button type="submit">Save host</button>
        </form>
        {message && <p role="status">{message}</p>}
        <div className="modal-actions">
          <button type="button" onClick={() => void importConfig()}>Import ~/.ssh/config</button>
          <button type="button" className="primary" onClick={close}>Close</button>
        </div>
      </div>
    </div>
  );
}
