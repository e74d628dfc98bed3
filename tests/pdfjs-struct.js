// The words of a tagged PDF as pdf.js reads them through its structure
// tree: for each page, the structure tree's content items (MCIDs) in
// tree order, each given the text pdf.js finds in that marked content.
// Prints the text, one content item a line, for tests/tagged.sh to
// compare with poppler's reading.
// usage: node pdfjs-struct.js NODE_MODULES FILE.pdf
'use strict';
const path = require('path');
const [modules, file] = process.argv.slice(2);
// pdf.js says what it cannot polyfill (no canvas: nothing is drawn here)
const say = (s) => process.stdout.write(s + '\n');
console.log = console.warn = () => {};
const pdfjs = require(path.resolve(modules, 'pdfjs-dist/legacy/build/pdf.js'));

(async () => {
	const doc = await pdfjs.getDocument({
		data: new Uint8Array(require('fs').readFileSync(file)),
		verbosity: 0 }).promise;
	for (let p = 1; p <= doc.numPages; p++) {
		const page = await doc.getPage(p);
		const content = await page.getTextContent({ includeMarkedContent: true });
		const text = {};
		let open = [];
		for (const item of content.items) {
			if (item.type === 'beginMarkedContentProps' ||
			    item.type === 'beginMarkedContent') {
				open.push(item.id || null);
			} else if (item.type === 'endMarkedContent') {
				open.pop();
			} else if (item.str !== undefined) {
				const id = open.filter((x) => x).pop();
				if (id)
					text[id] = (text[id] || '') + item.str;
			}
		}
		const tree = await page.getStructTree();
		const walk = (node) => {
			if (node.type === 'content' && text[node.id] !== undefined)
				say(text[node.id]);
			for (const kid of node.children || [])
				walk(kid);
		};
		if (tree)
			walk(tree);
	}
})().catch((e) => {
	console.error(e.message);
	process.exit(1);
});
