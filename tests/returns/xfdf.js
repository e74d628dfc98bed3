// The field values of an XFDF file, as [name, value] pairs in order: what
// the test fillers type into the form (fill-pdf-lib.js, fill-html.js).
'use strict';
module.exports = function values(text) {
	const v = [];
	const re = /<field name="([^"]*)"><value>([^<]*)<\/value><\/field>/g;
	let m;
	while ((m = re.exec(text)) !== null)
		v.push([m[1], m[2].replace(/&amp;/g, '&').replace(/&lt;/g, '<')]);
	return v;
};
