import { Alert, Button, Stack } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Camera scanning on a phone with the browser's own BarcodeDetector (Chrome on Android): no
 * library to download. Where the browser has none (Firefox, Safari on a laptop) the cashier is
 * told to type the code or use a USB scanner. Loaded on demand, as a chunk of its own.
 */
interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorClass = new (o: { formats: string[] }) => BarcodeDetectorLike;

const detectorClass = () =>
  (window as unknown as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;

const FORMATS = ['ean_13', 'ean_8', 'upc_a', 'upc_e', 'code_128', 'code_39', 'qr_code'];
/** How often a frame is looked at: often enough to feel instant, rarely enough for a cheap phone. */
const DETECT_EVERY_MS = 250;

export default function CameraScan({
  onCode,
  onClose,
}: {
  onCode: (code: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<string | null>(
    detectorClass() ? null : t('pos.scan.cameraUnsupported'),
  );
  const codeRef = useRef(onCode);
  useEffect(() => {
    codeRef.current = onCode;
  });

  useEffect(() => {
    const Detector = detectorClass();
    if (!Detector) return;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setInterval> | undefined;
    let last = '';
    let stopped = false;
    const detector = new Detector({ formats: FORMATS });
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' } })
      .then(async (s) => {
        if (stopped) return s.getTracks().forEach((tr) => tr.stop());
        stream = s;
        const v = video.current;
        if (!v) return;
        v.srcObject = s;
        await v.play();
        timer = setInterval(() => {
          detector
            .detect(v)
            .then((found) => {
              const code = found[0]?.rawValue;
              // the same code in consecutive frames is one scan
              if (code && code !== last) codeRef.current(code);
              last = code ?? '';
            })
            .catch(() => undefined);
        }, DETECT_EVERY_MS);
      })
      .catch(() => setProblem(t('pos.scan.cameraDenied')));
    return () => {
      stopped = true;
      clearInterval(timer);
      stream?.getTracks().forEach((tr) => tr.stop());
    };
  }, [t]);

  return (
    <Stack gap="xs">
      {problem ? (
        <Alert color="yellow" data-testid="camera-problem">
          {problem}
        </Alert>
      ) : (
        <video
          ref={video}
          muted
          playsInline
          aria-label={t('pos.scan.cameraVideo')}
          style={{ width: '100%', maxHeight: 240, background: '#000' }}
        />
      )}
      <Button variant="default" onClick={onClose}>
        {t('pos.scan.cameraStop')}
      </Button>
    </Stack>
  );
}
