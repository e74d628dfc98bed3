// pledge-form.js - the blank pledge form filled in on screen: checks the
// rules mishto checks (one step ticked per action point, deadlines that
// are dates or periods, a name and a date of signing) with messages that
// say what to fix, then saves the signed pledge's source for the officer
// to send to the campaign (mishto import reads it). Needs no server; the
// page still prints, filled in, to be signed by hand. The page holds this
// script inline, so "<" and "/" never stand side by side in it.
(function () {
	'use strict';
	var form = document.getElementById('fill-in');
	if (!form || !window.Blob || !document.querySelector)
		return;
	var english = (document.documentElement.lang || 'en').slice(0, 2) !== 'en';

	var MONTHS = ['january', 'february', 'march', 'april', 'may', 'june',
		'july', 'august', 'september', 'october', 'november', 'december'];
	var SEASONS = ['spring', 'summer', 'autumn', 'winter'];

	function pad(n, w) {
		var s = String(n);
		while (s.length < w)
			s = '0' + s;
		return s;
	}
	function monthDays(y, m) {
		return new Date(Date.UTC(y, m, 0)).getUTCDate();
	}
	function month(word) {
		var w = word.toLowerCase();
		for (var i = 0; i < 12; i++)
			if (w === MONTHS[i] || (w.length === 3 && MONTHS[i].slice(0, 3) === w))
				return i + 1;
		return 0;
	}
	function iso(y, m, d) {
		if (y < 1900 || m < 1 || m > 12 || d < 1 || d > monthDays(y, m))
			return null;
		return pad(y, 4) + '-' + pad(m, 2) + '-' + pad(d, 2);
	}
	// a date as people write one in the UK, as YYYY-MM-DD
	function writtenDate(v) {
		var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
		if (m)
			return iso(+m[1], +m[2], +m[3]);
		m = /^(\d{1,2})([\/.-])(\d{1,2})\2(\d{4})$/.exec(v);
		if (m)
			return iso(+m[4], +m[3], +m[1]);
		m = /^(\d{1,2})(?:st|nd|rd|th)? ([A-Za-z]+),? (\d{4})$/.exec(v);
		if (m && month(m[2]))
			return iso(+m[3], month(m[2]), +m[1]);
		return null;
	}
	// a period as a plan's dates may be written (check.c's rules)
	function period(v) {
		var m;
		if (/^\d{4}-(0[1-9]|1[0-2])$/.test(v) || /^\d{4}-[Qq][1-4]$/.test(v) ||
		    /^[Qq][1-4] \d{4}$/.test(v) || /^\d{4}$/.test(v))
			return +v.slice(0, 4) >= 1900 || +v.slice(3, 7) >= 1900;
		m = /^(?:[Qq][1-4] )?(\d{4})\/(\d{2})(?: [Qq][1-4])?$/.exec(v);
		if (m)
			return +m[1] >= 1900 && +m[2] === (+m[1] + 1) % 100;
		if (/^(ongoing|tbc)$/i.test(v))
			return true;
		m = /^([A-Za-z]+) (\d{4})$/.exec(v);
		if (m && SEASONS.indexOf(m[1].toLowerCase()) >= 0)
			return true;
		return /[A-Za-z]{3}/.test(v);   // words that say when
	}
	// a deadline as mishto writes it: dates as YYYY-MM-DD, "March 2027"
	// as 2027-03, other periods as written; null when it is none
	function deadline(v) {
		var d = writtenDate(v);
		if (d)
			return d;
		var m = /^([A-Za-z]+) (\d{4})$/.exec(v);
		if (m && month(m[1]) && +m[2] >= 1900)
			return m[2] + '-' + pad(month(m[1]), 2);
		return period(v) ? v : null;
	}
	// the last day a deadline allows, for "not before signing"
	function lastDay(v) {
		if (/^\d{4}-\d{2}-\d{2}$/.test(v))
			return v;
		if (/^\d{4}-\d{2}$/.test(v))
			return v + '-' + pad(monthDays(+v.slice(0, 4), +v.slice(5)), 2);
		if (/^\d{4}$/.test(v))
			return v + '-12-31';
		return null;
	}

	function attr(name, value) {
		return ' ' + name + '="' + String(value)
			.replace(/&/g, '&amp;').replace(/[<]/g, '&lt;')
			.replace(/>/g, '&gt;').replace(/"/g, '&quot;')
			.replace(/[\u0000-\u001f]/g, ' ') + '"';
	}
	function text(value) {
		return String(value).replace(/&/g, '&amp;').replace(/[<]/g, '&lt;')
			.replace(/>/g, '&gt;').replace(/[\u0000-\u0009\u000b-\u001f]/g, ' ');
	}
	function slug(name) {
		var s = name.toLowerCase().replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '');
		return s || 'pledge';
	}
	function value(name) {
		var el = form.elements[name];
		return el ? String(el.value).trim() : '';
	}
	function byName(prefix) {
		return Array.prototype.filter.call(form.elements, function (el) {
			return el.name && el.name.indexOf(prefix) === 0;
		});
	}

	// what the page adds: a summary of what to fix, and saving
	var summary = document.createElement('div');
	summary.className = 'form-errors';
	summary.setAttribute('role', 'alert');
	summary.tabIndex = -1;
	summary.hidden = true;
	form.insertBefore(summary, form.firstChild);
	var save = document.createElement('div');
	save.className = 'form-save';
	save.innerHTML =
		'<p><label><input type="checkbox" id="save-incomplete"> ' +
		'Some action points are left blank: save it as an incomplete ' +
		'return<\/label><\/p>' +
		'<p><button type="submit">Save the signed pledge<\/button><\/p>' +
		'<p class="form-status" role="status" id="form-status"><\/p>';
	if (english) {
		summary.lang = 'en';
		save.lang = 'en';
	}
	form.appendChild(save);
	var status = save.querySelector('#form-status');

	function clearErrors() {
		Array.prototype.forEach.call(form.querySelectorAll('.field-error'),
			function (e) { e.remove(); });
		Array.prototype.forEach.call(form.querySelectorAll('[aria-invalid]'),
			function (e) {
				e.removeAttribute('aria-invalid');
				var d = (e.getAttribute('aria-describedby') || '')
					.split(' ').filter(function (x) {
						return x && x.indexOf('error-') !== 0;
					}).join(' ');
				if (d)
					e.setAttribute('aria-describedby', d);
				else
					e.removeAttribute('aria-describedby');
			});
	}
	// a message beside the field (or the fieldset) it is about
	function fault(errors, el, message) {
		var id = 'error-' + errors.length;
		errors.push({ id: el.id, message: message });
		var p = document.createElement('p');
		p.className = 'field-error';
		p.id = id;
		p.textContent = message;
		if (english)
			p.lang = 'en';
		if (el.tagName === 'FIELDSET') {
			el.insertBefore(p, el.querySelector('legend').nextSibling);
		} else {
			el.setAttribute('aria-invalid', 'true');
			var d = el.getAttribute('aria-describedby');
			el.setAttribute('aria-describedby', d ? d + ' ' + id : id);
			el.parentNode.insertBefore(p, el.nextSibling);
		}
	}

	function check() {
		var errors = [];
		var incomplete = document.getElementById('save-incomplete').checked;
		var blank = 0;
		var signed = writtenDate(value('signed-on'));
		Array.prototype.forEach.call(form.querySelectorAll('fieldset.action-point'),
			function (fs) {
				var boxes = fs.querySelectorAll('input[type=checkbox]');
				var any = Array.prototype.some.call(boxes, function (b) {
					return b.checked;
				});
				if (!any) {
					blank++;
					if (!incomplete)
						fault(errors, fs, 'Action point ' +
							fs.querySelector('legend').textContent.trim() +
							': tick at least one step, or save the pledge ' +
							'as an incomplete return.');
				}
			});
		byName('by:').forEach(function (el) {
			var v = el.value.trim();
			if (v === '')
				return;
			var box = form.elements['step:' + el.name.slice(3)];
			var d = deadline(v);
			if (box && !box.checked)
				fault(errors, el, 'This deadline is for a step that is ' +
					'not ticked: tick the step, or clear the deadline.');
			else if (d === null)
				fault(errors, el, '"' + v + '" is not a date or period: ' +
					'write a date (31/03/2027), a month (March 2027) or a ' +
					'financial year or quarter (2027/28, Q1 2027/28).');
			else if (signed && lastDay(d) && lastDay(d) < signed)
				fault(errors, el, 'This deadline is before the date of ' +
					'signing (' + signed + ').');
		});
		var who = form.elements['signed-for'];
		if (who && value('signed-for') === '')
			fault(errors, who, 'Name the council the pledge is signed ' +
				'on behalf of.');
		var on = form.elements['signed-on'];
		if (on && !signed)
			fault(errors, on, value('signed-on') === ''
				? 'Give the date the pledge is signed.'
				: 'Write the date of signing as 28/02/2027.');
		var due = form.elements['report-due'];
		if (due && value('report-due') !== '') {
			var d = writtenDate(value('report-due'));
			if (!d)
				fault(errors, due, 'Write the date the progress report is ' +
					'due as 28/02/2027.');
			else if (signed && d < signed)
				fault(errors, due, 'The progress report is due before the ' +
					'pledge is signed.');
		}
		var email = form.elements['contact-email'];
		if (email && value('contact-email') !== '' &&
		    !/^[A-Za-z0-9.!#$%&'*+\/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/
			.test(value('contact-email')))
			fault(errors, email, 'Write the email address in full, as ' +
				'name@council.gov.uk.');
		var phone = form.elements['contact-phone'];
		if (phone && value('contact-phone') !== '' &&
		    !/^(?:\+44 ?(?:\(0\) ?)?|0)(?:[0-9][ -]?){8,9}[0-9]$/
			.test(value('contact-phone')))
			fault(errors, phone, 'Write a UK phone number, as 0113 496 ' +
				'0427 or +44 113 496 0427.');
		return { errors: errors, blank: blank };
	}

	function pledge(blank) {
		var authority = value('signed-for');
		var id = slug(authority);
		var x = '<?xml version="1.0" encoding="UTF-8"?>\n' +
			'<!-- Saved by the pledge form\'s web page. -->\n' +
			'<pledge xmlns="urn:mishto:1"' + attr('id', id) +
			attr('xml:lang', form.getAttribute('data-lang') || 'en') +
			attr('form', form.getAttribute('data-form')) +
			attr('form-version', form.getAttribute('data-version')) +
			'\n       ' + attr('authority', authority) +
			attr('signed', writtenDate(value('signed-on'))) +
			(blank ? attr('status', 'incomplete') : '') + '>\n';
		byName('step:').forEach(function (box) {
			if (!box.checked)
				return;
			var name = box.name.slice(5);
			var by = value('by:' + name);
			x += '  <commit' + attr('step', name) +
				(by ? attr('by', deadline(by)) : '') + '/>\n';
		});
		byName('support:').forEach(function (box) {
			if (box.checked)
				x += '  <support' + attr('option', box.name.slice(8)) + '/>\n';
		});
		if (value('support-other'))
			x += '  <support-other>' + text(value('support-other')) +
				'<\/support-other>\n';
		if (value('report-due'))
			x += '  <report-due>' + writtenDate(value('report-due')) +
				'<\/report-due>\n';
		var contact = '';
		['name', 'role', 'email', 'phone'].forEach(function (k) {
			if (value('contact-' + k))
				contact += attr(k, value('contact-' + k));
		});
		if (contact)
			x += '  <contact' + contact + '/>\n';
		return { id: id, xml: x + '<\/pledge>\n' };
	}

	form.addEventListener('submit', function (ev) {
		ev.preventDefault();
		clearErrors();
		status.textContent = '';
		var r = check();
		if (r.errors.length) {
			summary.innerHTML = '';
			var h = document.createElement('h2');
			h.textContent = r.errors.length === 1
				? 'There is 1 thing to fix before saving'
				: 'There are ' + r.errors.length + ' things to fix before saving';
			summary.appendChild(h);
			var ul = document.createElement('ul');
			r.errors.forEach(function (e) {
				var li = document.createElement('li');
				var a = document.createElement('a');
				a.href = '#' + e.id;
				a.textContent = e.message;
				li.appendChild(a);
				ul.appendChild(li);
			});
			summary.appendChild(ul);
			summary.hidden = false;
			summary.focus();
			return;
		}
		summary.hidden = true;
		var p = pledge(r.blank > 0);
		var blob = new Blob([p.xml], { type: 'application/xml' });
		var a = document.createElement('a');
		a.href = URL.createObjectURL(blob);
		a.download = p.id + '.xml';
		document.body.appendChild(a);
		a.click();
		a.remove();
		status.textContent = 'Saved ' + p.id + '.xml. Send it to the ' +
			'Mishto campaign, and print this page to sign it by hand.';
	});
})();
