// Opens a `qualify report` HTML page in headless Chromium (Debian's `chromium`) and checks that
// it loads with no console error and no request leaving the file, that it prints, and that a
// screenshot of it is not blank (many colours, a fair share of non-white pixels).
//
//   node check_report.js REPORT.html SCREENSHOT.png [--height N]
//
// --height N clips the screenshot to the top N CSS pixels (docs/report.png); default: full page.
// Exit status: 0 passed, 1 a check failed, 77 no Chromium at QUALIFY_CHROMIUM or /usr/bin/chromium.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const zlib = require('zlib');

const [htmlArg, shotArg, ...rest] = process.argv.slice(2);
if (!htmlArg || !shotArg) {
  console.error('usage: node check_report.js REPORT.html SCREENSHOT.png [--height N]');
  process.exit(2);
}
const height = rest[0] === '--height' ? Number(rest[1]) : 0;
const chromiumPath = process.env.QUALIFY_CHROMIUM || '/usr/bin/chromium';
if (!fs.existsSync(chromiumPath)) {
  console.log(`SKIP: no Chromium at ${chromiumPath} (scripts/install-deps.sh installs Debian's chromium)`);
  process.exit(77);
}
let chromium;
try {
  ({ chromium } = require('playwright-core'));
} catch (e) {
  console.error(`FAIL: playwright-core is not installed in ${__dirname} (run scripts/install-deps.sh): ${e.message}`);
  process.exit(1);
}

// Decodes an 8-bit RGB or RGBA, non-interlaced PNG (what Chromium writes) to RGBA pixels.
function decodePng(buffer) {
  let offset = 8, width = 0, height = 0, colorType = 0;
  const idat = [];
  while (offset < buffer.length) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString('ascii', offset + 4, offset + 8);
    const data = buffer.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[12] !== 0) throw new Error('only 8-bit non-interlaced PNGs are decoded');
      colorType = data[9];
    } else if (type === 'IDAT') {
      idat.push(data);
    }
    offset += 12 + length;
  }
  const bpp = colorType === 6 ? 4 : colorType === 2 ? 3 : 0;
  if (!bpp) throw new Error(`PNG colour type ${colorType} is not decoded`);
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const pixels = Buffer.alloc(width * height * 4);
  let previous = Buffer.alloc(stride), line = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? line[x - bpp] : 0, b = previous[x], c = x >= bpp ? previous[x - bpp] : 0;
      let v = src[x];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      line[x] = v & 0xff;
    }
    for (let x = 0; x < width; x++) {
      for (let k = 0; k < 3; k++) pixels[(y * width + x) * 4 + k] = line[x * bpp + k];
      pixels[(y * width + x) * 4 + 3] = bpp === 4 ? line[x * bpp + 3] : 255;
    }
    [previous, line] = [line, previous];
  }
  return { width, height, pixels };
}

(async () => {
  const failures = [];
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'qualify-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1000, height: 800 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = context.pages()[0] || await context.newPage();
    const url = 'file://' + path.resolve(htmlArg);
    page.on('console', (m) => { if (m.type() === 'error') failures.push(`console error: ${m.text()}`); });
    page.on('pageerror', (e) => failures.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => failures.push(`failed request: ${r.url()}`));
    // Every request but the page itself is external to a self-contained report: record and block it.
    await context.route('**/*', (route) => {
      const u = route.request().url();
      if (u === url) return route.continue();
      failures.push(`external request: ${u}`);
      return route.abort();
    });
    const response = await page.goto(url, { waitUntil: 'load' });
    if (!response || !response.ok()) failures.push(`the page did not load: ${response && response.status()}`);
    const shape = await page.evaluate(() => ({
      svgs: document.querySelectorAll('svg').length,
      tables: document.querySelectorAll('table').length,
      scripts: document.querySelectorAll('script').length,
      title: document.title,
    }));
    if (shape.svgs < 1) failures.push('no chart (svg) in the page');
    if (shape.tables < 1) failures.push('no table in the page');
    if (shape.scripts !== 0) failures.push(`${shape.scripts} script element(s) in the page`);
    const shot = await page.screenshot(height > 0 ? { fullPage: true, clip: { x: 0, y: 0, width: 1000, height } }
                                                  : { fullPage: true });
    fs.writeFileSync(shotArg, shot);
    const { width, height: h, pixels } = decodePng(shot);
    const colours = new Set();
    let ink = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      const [r, g, b] = [pixels[i], pixels[i + 1], pixels[i + 2]];
      colours.add((r << 16) | (g << 8) | b);
      if (r < 240 || g < 240 || b < 240) ink++;
    }
    const share = ink / (width * h);
    console.log(`screenshot ${width}x${h}: ${colours.size} colours, ${(100 * share).toFixed(1)}% non-white; ` +
                `${shape.svgs} charts, ${shape.tables} tables; title "${shape.title}"`);
    if (colours.size < 16) failures.push(`the screenshot has only ${colours.size} colours: blank?`);
    if (share < 0.02) failures.push(`the screenshot is ${(100 * share).toFixed(2)}% non-white: blank?`);
    const pdf = await page.pdf({ format: 'A4' });
    if (pdf.length < 2000) failures.push(`printing gave a ${pdf.length}-byte PDF`);
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  for (const f of failures) console.log(`FAIL: ${f}`);
  process.exit(failures.length ? 1 : 0);
})().catch((e) => {
  console.log(`FAIL: ${e.stack || e}`);
  process.exit(1);
});
