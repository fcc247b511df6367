import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

/** A QR code of `text` as an image (printed on the receipt and letters). */
export function Qr({ text, label, size = 132 }: { text: string; label: string; size?: number }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 1, width: size * 2 }).then(
      (url) => live && setSrc(url),
      () => live && setSrc(null),
    );
    return () => {
      live = false;
    };
  }, [text, size]);
  return src ? <img className="qr" src={src} width={size} height={size} alt={label} /> : null;
}
