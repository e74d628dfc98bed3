// axe.js - runs axe-core over HTML files in headless Chromium, at a
// desktop width and at 320 px, and prints TAP: one line per file and
// width, with each WCAG 2.2 A/AA violation, and whether the page needs
// sideways scrolling at 320 px (it must not).
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
      const name = `${path.basename(file)} at ${width} px`;
      n++;
      const problems = result.violations.map(v =>
          `${v.id} (${v.impact}): ${v.help}; ${v.nodes.length} element(s), ` +
          `first: ${v.nodes[0].target.join(' ')}`);
      if (width === 320 && wide > width + 1)
        problems.push(`needs sideways scrolling: ${wide} px wide`);
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
