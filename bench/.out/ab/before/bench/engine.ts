export { CgoLensService } from '../server/src/service/service';
export { defaultSettings } from '../server/src/config/settings';
import * as parser from '../server/src/shell/parser';
export const clearShellCache = (parser as { clearShellCache?: () => void }).clearShellCache ?? (() => undefined);
