// Fills the blank form's HTML page in headless Chromium as an officer
// would (ticks, deadlines typed, the date of signing picked), presses
// Save, and writes the file the page saves. First it presses Save on the
// empty form and prints what the page says must be fixed, one line each
// (the test looks for them).
// usage: node fill-html.js NODE_MODULES CHROMIUM FORM.html VALUES.xfdf OUT.xml
'use strict';
const fs = require('fs');
const path = require('path');
const [modules, chromium, page, xfdf, out] = process.argv.slice(2);
const { chromium: pw } = require(path.resolve(modules, 'playwright-core'));

const values = require('./xfdf.js');

// a date picker gives YYYY-MM-DD
function picked(v) {
	const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
	return m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : v;
}

(async () => {
	const browser = await pw.launch({ executablePath: chromium,
	                                  args: ['--no-sandbox'] });
	const ctx = await browser.newContext({ acceptDownloads: true });
	const p = await ctx.newPage();
	await p.goto('file://' + path.resolve(page));
	await p.click('button[type=submit]');
	for (const e of await p.$$eval('.form-errors li', (l) =>
	    l.map((x) => x.textContent)))
		console.log('error: ' + e);
	console.log('focused: ' + await p.evaluate(() =>
	    document.activeElement.className));
	for (const [name, value] of values(fs.readFileSync(xfdf, 'utf8'))) {
		const el = p.locator(`[name="${name}"]`);
		const type = await el.getAttribute('type');
		if (type === 'checkbox') {
			if (value === 'Yes')
				await el.check();
		} else if (type === 'date') {
			await el.fill(picked(value));
		} else {
			await el.fill(value);
		}
	}
	if (process.env.INCOMPLETE)
		await p.check('#save-incomplete');
	const [download] = await Promise.all([
		p.waitForEvent('download', { timeout: 10000 }),
		p.click('button[type=submit]'),
	]);
	await download.saveAs(out);
	console.log('saved: ' + download.suggestedFilename());
	console.log('status: ' + await p.textContent('#form-status'));
	await browser.close();
})().catch((e) => {
	console.error(e.message);
	process.exit(1);
});
