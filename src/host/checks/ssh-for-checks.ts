/**
 * The checks' view of the terminal host's SSH connector: the same
 * reference-counted connections, host-key trust and prompts as the
 * terminals, so a host key accepted for a shell is trusted by the checks and
 * the other way round. The contract's profile carries the cockpit-only
 * `apiViaSsh` flag; the SSH service gets its own profile shape.
 */
import type { HostProfile } from '../../contract/terminal.js';
import type { ApiForwarder } from '../../services/checks/api-check.js';
import type { RemoteExec } from '../../services/checks/ssh-checks.js';
import { HostProfile as SshHostProfile, type SshConnector } from '../../services/ssh/index.js';

export function sshForChecks(connector: Pick<SshConnector, 'exec' | 'forwardLocal'>): RemoteExec<HostProfile> & ApiForwarder<HostProfile> {
  return {
    exec: (profile, command, options) => connector.exec(SshHostProfile.parse(profile), command, options),
    forwardLocal: (profile, remoteHost, remotePort) => connector.forwardLocal(SshHostProfile.parse(profile), remoteHost, remotePort),
  };
}
