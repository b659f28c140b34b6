import { protocols } from '../../models/index.ts';
import { configurationsIn, manifestTests } from '../helpers/manifest.ts';

// The slow tier of every protocol's manifest: bounded configurations whose exhaustive search is
// too large for the default suite (a million states and more), pinned all the same. CI runs it.
for (const protocol of protocols) {
  if (protocol.manifest !== undefined && configurationsIn(protocol, 'slow').length > 0) {
    manifestTests(protocol, 'slow');
  }
}
