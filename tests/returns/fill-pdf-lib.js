// Fills a blank pledge form with pdf-lib, as a web page or a script
// would: each field of an XFDF file set by name, appearances made by
// pdf-lib, the PDF saved.
// usage: node fill-pdf-lib.js NODE_MODULES BLANK.pdf VALUES.xfdf OUT.pdf
'use strict';
const fs = require('fs');
const path = require('path');
const [modules, blank, xfdf, out] = process.argv.slice(2);
const { PDFDocument } = require(path.resolve(modules, 'pdf-lib'));

const values = require('./xfdf.js');

(async () => {
	const pdf = await PDFDocument.load(fs.readFileSync(blank));
	const form = pdf.getForm();
	for (const [name, value] of values(fs.readFileSync(xfdf, 'utf8'))) {
		const field = form.getField(name);
		if (field.constructor.name === 'PDFCheckBox') {
			if (value === 'Yes')
				field.check();
			else
				field.uncheck();
		} else {
			field.setText(value);
		}
	}
	// letters outside WinAnsi (Ș) cannot be drawn in Helvetica: the value
	// is kept, the reader draws it
	try {
		form.updateFieldAppearances();
	} catch (e) {
		/* the values are what is read back */
	}
	fs.writeFileSync(out, await pdf.save({ updateFieldAppearances: false }));
})().catch((e) => {
	console.error(e.message);
	process.exit(1);
});
