// typst.js - Typst as a peer in make bench: compiles tests/bench/pledge.typ
// (the pledge form) to PDF with Typst's own compiler, native code loaded
// into node (npm @myriaddreamin/typst-ts-node-compiler; install it with
// npm install --prefix build/bench-npm @myriaddreamin/typst-ts-node-compiler).
//
// usage: node tests/bench/typst.js fresh OUT.pdf
//          one compile in a fresh process; bench.sh times the whole
//          process with build/runtime, as it times every other tool
//        node tests/bench/typst.js warm N OUT.pdf
//          one process: a compile to warm up, then N compiles, each of a
//          document with one word changed (as a server or a watcher would
//          see it), each written to OUT.pdf; prints "median min max
//          cpu-median peak-kb" per compile (seconds; CPU from
//          process.cpuUsage(), all threads, user + system)
//        node tests/bench/typst.js version
//          prints Typst's version (sys.version) and the package's
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
const pkg = path.join(root, 'build', 'bench-npm', 'node_modules',
                      '@myriaddreamin', 'typst-ts-node-compiler');
const { NodeCompiler } = require(pkg);
const FONTS = process.env.TYPST_FONTS || '/usr/share/fonts/truetype/dejavu';
const MAIN = path.join(__dirname, 'pledge.typ');

function compiler() {
	return NodeCompiler.create({
		workspace: __dirname,
		fontArgs: [{ fontPaths: [FONTS] }],
	});
}

// compile ARGS to PDF bytes; stop on any error (a peer that fails must not
// be timed as if it had worked)
function pdf(c, args) {
	const r = c.compile(args);
	if (r.hasError() || !r.result) {
		r.printErrors();
		process.exit(1);
	}
	return c.pdf(r.result);
}

function median(xs) {
	const s = xs.slice().sort((a, b) => a - b);
	return s[(s.length - 1) >> 1];
}

const [mode, a1, a2] = process.argv.slice(2);
if (mode === 'fresh' && a1) {
	fs.writeFileSync(a1, pdf(compiler(), { mainFilePath: MAIN }));
} else if (mode === 'warm' && a1 && a2) {
	const n = parseInt(a1, 10);
	const src = fs.readFileSync(MAIN, 'utf8');
	if (!src.includes('meaningful action'))
		throw new Error('pledge.typ: the word to change is not there');
	const c = compiler();
	fs.writeFileSync(a2, pdf(c, { mainFileContent: src }));
	const wall = [], cpu = [];
	for (let i = 1; i <= n; i++) {
		// one word changed: the document is new to the compiler each time
		const doc = src.replace('meaningful action', `meaningful${i} action`);
		const t0 = process.hrtime.bigint();
		const c0 = process.cpuUsage();
		fs.writeFileSync(a2, pdf(c, { mainFileContent: doc }));
		// as Typst's own watch mode does after each compile: memoised
		// results unused for 10 compiles are let go, so memory stays bounded
		c.evictCache(10);
		const dc = process.cpuUsage(c0);
		wall.push(Number(process.hrtime.bigint() - t0) / 1e9);
		cpu.push((dc.user + dc.system) / 1e6);
	}
	const f = (x) => x.toFixed(4);
	console.log(`${f(median(wall))} ${f(Math.min(...wall))} ${f(Math.max(...wall))} ` +
	            `${f(median(cpu))} ${process.resourceUsage().maxRSS}`);
} else if (mode === 'version') {
	const c = compiler();
	const r = c.compile({ mainFileContent: '#metadata(str(sys.version)) <v>' });
	const v = c.query(r.result, { selector: '<v>', field: 'value' });
	const p = JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8'));
	console.log(`${v[0]} (typst-ts-node-compiler ${p.version})`);
} else {
	console.error('usage: node tests/bench/typst.js fresh OUT.pdf | warm N OUT.pdf | version');
	process.exit(2);
}
