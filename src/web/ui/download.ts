/**
 * Exports from the browser: any text as a file, and the maps (SVG elements) as SVG or PNG.
 * Charts draw with SVG presentation attributes, not CSS classes, so the exported file looks
 * like the screen without the app's style sheet.
 */
import { toCsv, type TCsvCell } from './csv.js';

export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadCsv(
  fileName: string,
  header: readonly string[],
  rows: readonly (readonly TCsvCell[])[],
): void {
  // The byte-order mark makes Excel read the file as UTF-8 (names with accents, "–").
  downloadBlob(
    fileName,
    new Blob(['\ufeff', toCsv(header, rows)], { type: 'text/csv;charset=utf-8' }),
  );
}

/** The SVG element as a standalone document, with its size and a white background. */
export function svgText(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const { width, height } = svgSize(svg);
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  if (!copy.hasAttribute('viewBox')) copy.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const background = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', '#ffffff');
  copy.insertBefore(background, copy.firstChild);
  copy.setAttribute('font-family', 'system-ui, -apple-system, "Segoe UI", sans-serif');
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(copy);
}

function svgSize(svg: SVGSVGElement): { width: number; height: number } {
  const box = svg.viewBox.baseVal;
  if (box !== null && box.width > 0 && box.height > 0)
    return { width: box.width, height: box.height };
  const rect = svg.getBoundingClientRect();
  return {
    width: Math.max(1, Math.round(rect.width)),
    height: Math.max(1, Math.round(rect.height)),
  };
}

export function downloadSvg(fileName: string, svg: SVGSVGElement): void {
  downloadBlob(fileName, new Blob([svgText(svg)], { type: 'image/svg+xml' }));
}

/** The SVG drawn on a canvas at `scale` (2 = sharp on a projector), as a PNG blob. */
export async function svgToPng(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const { width, height } = svgSize(svg);
  const url = URL.createObjectURL(new Blob([svgText(svg)], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (context === null) throw new Error('this browser cannot draw on a canvas');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob === null ? reject(new Error('the PNG could not be made')) : resolve(blob)),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function downloadPng(fileName: string, svg: SVGSVGElement): Promise<void> {
  downloadBlob(fileName, await svgToPng(svg));
}
