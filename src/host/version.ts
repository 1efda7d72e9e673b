/** The cockpit's own version, from package.json, shown in app.info. */
import manifest from '../../package.json' with { type: 'json' };

export const COCKPIT_VERSION: string = manifest.version;
