// axe.js - runs axe-core over HTML files in headless Chromium, at a
// desktop width and at 320 px, and prints TAP: one line per file and
// width, with each WCAG 2.2 A/AA violation, whether the page needs
// sideways scrolling at 320 px (it must not), and whether a chart's words
// run under its bars or over each other (they must not).
// usage: node tests/a11y/axe.js FIRST NODE_MODULES CHROMIUM FILE.html...
// (FIRST: the number of the first test, so the lines carry on a TAP
// stream; no plan line is printed)
'use strict';
const path = require('path');
const [first, rel, chromium, ...files] = process.argv.slice(2);
const modules = path.resolve(rel);
const { chromium: pw } = require(path.join(modules, 'playwright-core'));
const axeSource = require('fs').readFileSync(
    path.join(modules, 'axe-core', 'axe.min.js'), 'utf8');

(async () => {
  const browser = await pw.launch({ executablePath: chromium,
                                    args: ['--no-sandbox'] });
  let n = Number(first) - 1;
  for (const file of files) {
    for (const width of [1000, 320]) {
      const page = await browser.newPage({ viewport: { width, height: 800 } });
      await page.goto('file://' + path.resolve(file));
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(() => axe.run(document, {
        runOnly: { type: 'tag',
                   values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',
                            'wcag22aa'] } }));
      const wide = await page.evaluate(
          () => document.documentElement.scrollWidth);
      // a chart's words never run under its bars, nor key items over
      // each other
      const overlaps = await page.evaluate(() => {
        const box = e => e.getBoundingClientRect();
        const meet = (a, b) => a.left < b.right - 0.5 &&
            b.left < a.right - 0.5 && a.top < b.bottom - 0.5 &&
            b.top < a.bottom - 0.5;
        const out = [];
        for (const chart of document.querySelectorAll('figure.chart')) {
          const words = [...chart.querySelectorAll(
              '.bar-name, .bar-count, .chart-key li, .chart-title')];
          const bars = [...chart.querySelectorAll('.bar-track')];
          for (const w of words) {
            for (const b of bars)
              if (meet(box(w), box(b)))
                out.push(`"${w.textContent}" runs under a bar`);
            for (const v of words)
              if (v !== w && !v.contains(w) && !w.contains(v) &&
                  meet(box(w), box(v)))
                out.push(`"${w.textContent}" overlaps ` +
                         `"${v.textContent}"`);
          }
        }
        return out;
      });
      const name = `${path.basename(file)} at ${width} px`;
      n++;
      const problems = result.violations.map(v =>
          `${v.id} (${v.impact}): ${v.help}; ${v.nodes.length} element(s), ` +
          `first: ${v.nodes[0].target.join(' ')}`);
      if (width === 320 && wide > width + 1)
        problems.push(`needs sideways scrolling: ${wide} px wide`);
      for (const o of overlaps.slice(0, 5))
        problems.push(`chart: ${o}`);
      if (problems.length) {
        console.log(`not ok ${n} - ${name}: no WCAG 2.2 AA violation`);
        for (const p of problems) console.log(`# ${p}`);
      } else {
        console.log(`ok ${n} - ${name}: no WCAG 2.2 AA violation`);
      }
      await page.close();
    }
  }
  await browser.close();
  process.exit(0);
})().catch(e => { console.log(`not ok ${first} - axe runs: ${e.message}`);
                  process.exit(0); });
