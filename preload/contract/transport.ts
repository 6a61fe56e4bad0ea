/** Where the browser-mode bridge listens, on the studio's UI server (main/remote/bridge). */
export const BRIDGE_PATH = '/bridge';
/** The query parameter carrying the session token printed with the studio's URL. */
export const BRIDGE_TOKEN_PARAM = 'token';
