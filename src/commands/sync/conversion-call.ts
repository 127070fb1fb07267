// The content converters' ConversionContext for one engine call (MS-ASAIRS BodyPreference, the
// MIMESupport of the Sync Options), shared by the Sync converters.

import type { ConversionContext } from '../../content/conversion-context.js';
import type { ConverterCall } from '../../sync/item-converter.js';

export function contextOf(call: ConverterCall): ConversionContext {
  const { options } = call;
  return {
    protocolVersion: call.protocolVersion,
    bodyPreferences: options.bodyPreferences,
    ...(options.mimeSupport === undefined ? {} : { mimeSupport: options.mimeSupport }),
  };
}
