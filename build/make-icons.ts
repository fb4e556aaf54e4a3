/**
 * Renders every icon the app and its installers use from the one source, build/icon.svg:
 *   build/icons/<n>x<n>.png (Linux, 16..1024), build/icon.png (1024), build/icon.ico (Windows, PNG entries
 *   16..256), build/icon.icns (macOS, PNG entries 16..1024 incl. @2x), and electron/resources/ (window icon, tray
 *   icons for calm / at-risk / breached).
 * Needs `rsvg-convert` (Debian: librsvg2-bin). Run: `npx tsx build/make-icons.ts`; commit the results.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BUILD = import.meta.dirname;
const RESOURCES = resolve(BUILD, '../electron/resources');
const SOURCE = join(BUILD, 'icon.svg');

const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** ICNS element types holding PNG data, by pixel size (Apple's iconutil uses the same). */
const ICNS_TYPES: [type: string, size: number][] = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
];
const TRAY_SIZE = 32;
const TRAY_DOTS = { 'tray-calm': null, 'tray-at-risk': '#f2a516', 'tray-breached': '#e5383b' } as const;

function render(svgFile: string, size: number): Buffer {
  try {
    return execFileSync('rsvg-convert', ['--width', String(size), '--height', String(size), svgFile]);
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') {
      throw new Error(
        'rsvg-convert not found: install it with `apt-get install librsvg2-bin` (Debian/Ubuntu).',
      );
    }
    throw error;
  }
}

/** ICO with PNG-compressed entries (Windows Vista and later). */
export function ico(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, entry);
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt8(0, entry + 2);
    header.writeUInt8(0, entry + 3);
    header.writeUInt16LE(1, entry + 4);
    header.writeUInt16LE(32, entry + 6);
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.png)]);
}

/** ICNS: "icns", total length, then (type, length incl. 8-byte header, PNG data) per element; big-endian. */
export function icns(elements: { type: string; png: Buffer }[]): Buffer {
  const parts = elements.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + parts.reduce((sum, part) => sum + part.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

/** The source with a status dot in the lower right corner, ringed in white so it reads on any tray colour. */
function withStatusDot(svg: string, colour: string): string {
  const dot = `<circle cx="792" cy="792" r="200" fill="#ffffff"/><circle cx="792" cy="792" r="150" fill="${colour}"/>`;
  return svg.replace('</svg>', `${dot}</svg>`);
}

function main(): void {
  const svg = readFileSync(SOURCE, 'utf8');
  const work = mkdtempSync(join(tmpdir(), 'desk-icons-'));
  try {
    const png = new Map<number, Buffer>();
    const pngOf = (size: number) => {
      let image = png.get(size);
      if (!image) {
        image = render(SOURCE, size);
        png.set(size, image);
      }
      return image;
    };

    mkdirSync(join(BUILD, 'icons'), { recursive: true });
    for (const size of LINUX_SIZES) writeFileSync(join(BUILD, 'icons', `${size}x${size}.png`), pngOf(size));
    writeFileSync(join(BUILD, 'icon.png'), pngOf(1024));
    writeFileSync(join(BUILD, 'icon.ico'), ico(ICO_SIZES.map((size) => ({ size, png: pngOf(size) }))));
    writeFileSync(
      join(BUILD, 'icon.icns'),
      icns(ICNS_TYPES.map(([type, size]) => ({ type, png: pngOf(size) }))),
    );

    mkdirSync(RESOURCES, { recursive: true });
    writeFileSync(join(RESOURCES, 'window-icon.png'), pngOf(256));
    for (const [name, colour] of Object.entries(TRAY_DOTS)) {
      const file = join(work, `${name}.svg`);
      writeFileSync(file, colour ? withStatusDot(svg, colour) : svg);
      writeFileSync(join(RESOURCES, `${name}.png`), render(file, TRAY_SIZE));
    }
    console.log(`Icons written to ${BUILD} and ${RESOURCES}.`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main();
