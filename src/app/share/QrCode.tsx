/** A QR code of a link, drawn as SVG (scales to any size: a dialog or the whole projector). */
import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

export function QrCode({ url, className = 'qr' }: { url: string; className?: string }) {
  // null: being drawn; '': the link is too long for a QR code.
  const [drawn, setDrawn] = useState<{ url: string; svg: string } | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }).then(
      (svg) => live && setDrawn({ url, svg }),
      () => live && setDrawn({ url, svg: '' }), // hundreds of custom labels: the link still works
    );
    return () => {
      live = false;
    };
  }, [url]);
  const svg = drawn?.url === url ? drawn.svg : null;
  if (svg === '') return <p className="warning">This setup is too long for a QR code; share the link instead.</p>;
  if (svg === null) return <div className={`${className} drawing`} aria-hidden="true" />;
  return <div className={className} role="img" aria-label="QR code of the link" dangerouslySetInnerHTML={{ __html: svg }} />;
}
