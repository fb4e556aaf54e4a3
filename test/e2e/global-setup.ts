/** Builds the renderer once (if it is missing or older than its sources) so every test's host starts at once. */
import { ensureRendererBundle } from '../../electron/web-host/build';

export default async function globalSetup(): Promise<void> {
  const built = await ensureRendererBundle();
  if (built) console.log(`e2e: built the renderer (${built}).`);
}
