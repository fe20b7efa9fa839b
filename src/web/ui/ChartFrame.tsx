/**
 * The frame every chart of the app is drawn in: a figure with "Download SVG" and "Download
 * PNG" above, and the SVG root (its viewBox, its role as an image, its title and description).
 * The chart draws only what is inside, with presentation attributes, so the downloaded file
 * looks like the screen (download.ts). It never computes geometry: the chart's pure layout does.
 */
import { useRef, type ReactNode } from 'react';
import { downloadPng, downloadSvg } from './download.js';

export function ChartFrame({
  className,
  fileName,
  size,
  fontSize,
  title,
  description,
  caption,
  children,
}: {
  className: string;
  /** The downloaded files' name, without `.svg` or `.png`. */
  fileName: string;
  /** The viewBox: the layout's width and height. */
  size: { width: number; height: number };
  /** The SVG's default font size; a chart's own texts may set theirs. */
  fontSize: number;
  title: string;
  /**
   * Read after the title by screen readers: an SVG `<desc>`, the image named by the ids
   * `${id}-title` and `${id}-desc`.
   */
  description?: { id: string; text: string };
  /** A `<figcaption>` under the chart (a legend, a note). */
  caption?: ReactNode;
  children: ReactNode;
}) {
  const svg = useRef<SVGSVGElement>(null);
  const id = description?.id;
  return (
    <figure className={className}>
      <div className="chart-tools">
        <button
          type="button"
          className="secondary small"
          onClick={() => svg.current && downloadSvg(`${fileName}.svg`, svg.current)}
        >
          Download SVG
        </button>
        <button
          type="button"
          className="secondary small"
          onClick={() => svg.current && void downloadPng(`${fileName}.png`, svg.current)}
        >
          Download PNG
        </button>
      </div>
      <svg
        ref={svg}
        viewBox={`0 0 ${size.width} ${size.height}`}
        role="img"
        aria-labelledby={id === undefined ? undefined : `${id}-title ${id}-desc`}
        fontSize={fontSize}
      >
        <title id={id === undefined ? undefined : `${id}-title`}>{title}</title>
        {description === undefined ? null : <desc id={`${id}-desc`}>{description.text}</desc>}
        {children}
      </svg>
      {caption}
    </figure>
  );
}
