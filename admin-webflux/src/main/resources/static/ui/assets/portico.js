// Portico dashboard. Pages are rendered by the admin; every change is a call to the admin's
// REST API (the same validation, permission check and audit as curl), sent from forms marked
// data-api="METHOD /api/path". Field names are the JSON paths of the API (services[0].version),
// so an error the API names (problem+json errors[].field) is shown next to that field.
(function () {
	'use strict';

	function csrfToken() {
		const meta = document.querySelector('meta[name="csrf-token"]');
		return meta ? meta.content : '';
	}

	// "a.b[0].c" -> ["a", "b", 0, "c"]
	function pathOf(name) {
		const parts = [];
		name.replace(/([^.[\]]+)|\[(\d+)\]/g, function (_, key, index) {
			parts.push(index !== undefined ? Number(index) : key);
		});
		return parts;
	}

	function assign(target, path, value) {
		let node = target;
		for (let i = 0; i < path.length - 1; i++) {
			const key = path[i];
			if (node[key] === undefined || node[key] === null) {
				node[key] = (typeof path[i + 1] === 'number') ? [] : {};
			}
			node = node[key];
		}
		node[path[path.length - 1]] = value;
	}

	function compact(value) {
		if (Array.isArray(value)) {
			return value.filter(function (item) { return item !== undefined; }).map(compact);
		}
		if (value && typeof value === 'object') {
			Object.keys(value).forEach(function (key) { value[key] = compact(value[key]); });
		}
		return value;
	}

	function typed(element) {
		const type = element.dataset.type || '';
		if (element.type === 'checkbox') {
			return type === 'list' ? (element.checked ? element.value : undefined) : element.checked;
		}
		const raw = element.value.trim();
		if (raw === '' && !element.hasAttribute('data-keep-empty')) {
			return undefined;
		}
		if (type === 'int') {
			return /^-?\d+$/.test(raw) ? Number(raw) : raw;
		}
		if (type === 'number') {
			return isNaN(Number(raw)) ? raw : Number(raw);
		}
		if (type === 'list') {
			return raw.split(/[\n,]/).map(function (item) { return item.trim(); }).filter(Boolean);
		}
		if (type === 'datetime') {
			const date = new Date(raw);
			return isNaN(date.getTime()) ? raw : date.toISOString();
		}
		if (type === 'labels') {
			const labels = {};
			raw.split(/[\n,]/).map(function (item) { return item.trim(); }).filter(Boolean).forEach(function (pair) {
				const cut = pair.indexOf(':') >= 0 ? pair.indexOf(':') : pair.indexOf('=');
				if (cut > 0) {
					labels[pair.substring(0, cut).trim()] = pair.substring(cut + 1).trim();
				}
				else {
					labels[pair] = '';
				}
			});
			return labels;
		}
		if (type === 'json') {
			try { return JSON.parse(raw); } catch (e) { return raw; }
		}
		return element.type === 'password' ? element.value : raw;
	}

	// The form as the API's JSON body: named, enabled fields only; empty ones left out.
	function formJson(form) {
		const body = {};
		const lists = {};
		Array.prototype.forEach.call(form.elements, function (element) {
			if (!element.name || element.name === '_csrf' || element.disabled || element.matches(':disabled')
					|| element.hasAttribute('data-local') || (element.type === 'radio' && !element.checked)) {
				return;
			}
			const value = typed(element);
			if (element.type === 'checkbox' && element.dataset.type === 'list') {
				lists[element.name] = lists[element.name] || [];
				if (value !== undefined) {
					lists[element.name].push(value);
				}
				return;
			}
			if (value !== undefined) {
				assign(body, pathOf(element.name), value);
			}
		});
		Object.keys(lists).forEach(function (name) { assign(body, pathOf(name), lists[name]); });
		return compact(body);
	}

	function clearErrors(form) {
		form.querySelectorAll('.field-error').forEach(function (node) { node.remove(); });
		form.querySelectorAll('[aria-invalid]').forEach(function (node) { node.removeAttribute('aria-invalid'); });
		const summary = form.querySelector('.form-error');
		if (summary) {
			summary.textContent = '';
		}
	}

	function fieldFor(form, field) {
		let name = field;
		while (name) {
			const escaped = CSS.escape(name);
			const found = form.querySelector('[name="' + escaped + '"], [data-field="' + escaped + '"]');
			if (found) {
				return found;
			}
			const cut = Math.max(name.lastIndexOf('.'), name.lastIndexOf('['));
			name = cut > 0 ? name.substring(0, cut) : '';
		}
		return null;
	}

	let errorCount = 0;

	function showProblem(form, status, problem) {
		const summary = form.querySelector('.form-error') || form.insertBefore(document.createElement('p'), form.firstChild);
		summary.classList.add('form-error');
		summary.setAttribute('role', 'alert');
		const detail = (problem && (problem.detail || problem.title)) || ('The request failed (' + status + ')');
		summary.textContent = detail;
		((problem && problem.errors) || []).forEach(function (error) {
			const target = fieldFor(form, error.field);
			const message = document.createElement('p');
			message.className = 'field-error';
			message.id = 'error-' + (++errorCount);
			message.dataset.errorFor = error.field;
			message.textContent = error.message;
			if (target) {
				target.setAttribute('aria-invalid', 'true');
				target.setAttribute('aria-describedby', message.id);
				const container = target.closest('.field') || target;
				container.appendChild(message);
			}
			else {
				message.textContent = error.field + ': ' + error.message;
				summary.after(message);
			}
		});
		const first = form.querySelector('[aria-invalid=true]');
		if (first) {
			revealStep(first);
		}
		if (first && first.focus) {
			first.focus();
		}
	}

	// A wizard shows the step that holds the first field in error, else its message stays hidden.
	function revealStep(target) {
		const step = target.closest('.step');
		const wizard = step && step.closest('[data-wizard]');
		if (wizard && step.hidden) {
			const steps = Array.prototype.slice.call(wizard.querySelectorAll('.step'));
			show(wizard, steps, steps.indexOf(step));
		}
	}

	function fill(template, json) {
		return template.replace(/\{([^}]+)\}/g, function (_, path) {
			let value = json;
			pathOf(path).forEach(function (key) { value = (value === null || value === undefined) ? value : value[key]; });
			return encodeURIComponent(value === undefined || value === null ? '' : value);
		});
	}

	async function send(form, submitter) {
		const api = (submitter && submitter.dataset.api) || form.dataset.api;
		const space = api.indexOf(' ');
		const method = api.substring(0, space);
		let path = fill(api.substring(space + 1), formJson(form));
		const headers = { 'X-CSRF-TOKEN': csrfToken(), 'Accept': 'application/json, application/problem+json' };
		let body;
		if (form.dataset.body === 'text') {
			const source = form.querySelector('[data-body-source]');
			body = await bodyText(source);
			headers['Content-Type'] = form.dataset.contentType || 'text/plain';
			const query = new URLSearchParams();
			Array.prototype.forEach.call(form.querySelectorAll('[data-query]'), function (input) {
				if (input.value.trim() !== '' && !input.disabled) {
					query.set(input.dataset.query, input.value.trim());
				}
			});
			path += (query.toString() ? (path.indexOf('?') < 0 ? '?' : '&') + query.toString() : '');
		}
		else if (method !== 'DELETE' && method !== 'GET' && form.dataset.body !== 'none') {
			body = JSON.stringify(formJson(form));
			headers['Content-Type'] = 'application/json';
		}
		const response = await fetch(path, { method: method, headers: headers, body: body, credentials: 'same-origin' });
		const text = await response.text();
		let json = null;
		try {
			json = text ? JSON.parse(text) : null;
		}
		catch (e) {
			json = null;
		}
		return { ok: response.ok, status: response.status, json: json };
	}

	async function bodyText(source) {
		if (!source) {
			return '';
		}
		const file = document.querySelector(source.dataset.bodySource);
		if (file && file.files && file.files.length > 0) {
			return await file.files[0].text();
		}
		return source.value;
	}

	document.addEventListener('submit', async function (event) {
		const form = event.target;
		if (!form.matches('form[data-api]')) {
			return;
		}
		event.preventDefault();
		const submitter = event.submitter;
		const question = (submitter && submitter.dataset.confirm) || form.dataset.confirm;
		if (question && !window.confirm(question)) {
			return;
		}
		clearErrors(form);
		const buttons = form.querySelectorAll('button[type=submit]');
		buttons.forEach(function (button) { button.disabled = true; });
		try {
			const result = await send(form, submitter);
			if (!result.ok) {
				showProblem(form, result.status, result.json);
				return;
			}
			const shown = form.dataset.showResult && document.querySelector(form.dataset.showResult);
			if (shown) {
				shown.hidden = false;
				shown.querySelectorAll('[data-result]').forEach(function (node) {
					node.textContent = fill(node.dataset.result, result.json || {}).replace(/%2F/g, '/');
					node.textContent = decodeURIComponent(node.textContent);
				});
				form.reset();
				return;
			}
			const then = (submitter && submitter.dataset.then) || form.dataset.then;
			if (then === 'reload' || !then) {
				window.location.reload();
			}
			else {
				window.location.assign(fill(then, Object.assign({}, formJson(form), result.json || {})));
			}
		}
		catch (failure) {
			showProblem(form, 0, { detail: 'The admin could not be reached: ' + failure.message });
		}
		finally {
			buttons.forEach(function (button) { button.disabled = false; });
		}
	});

	// The group switcher keeps the page and changes the group in its address.
	document.addEventListener('change', function (event) {
		const select = event.target;
		if (select.matches('[data-group-switcher]')) {
			const current = select.dataset.current;
			const path = window.location.pathname;
			const prefix = '/ui/groups/' + current + '/';
			window.location.assign(current && path.indexOf(prefix) === 0
				? '/ui/groups/' + encodeURIComponent(select.value) + '/' + path.substring(prefix.length).split('/')[0]
				: '/ui/groups/' + encodeURIComponent(select.value) + '/services');
		}
	});

	// Choices that enable one fieldset and disable the others (nodes or discovery, tabs).
	document.addEventListener('change', function (event) {
		const input = event.target;
		if (input.matches('[data-enables]')) {
			const scope = input.closest('[data-choice-scope]') || document;
			scope.querySelectorAll('[data-choice="' + input.name + '"]').forEach(function (fieldset) {
				fieldset.disabled = fieldset.id !== input.dataset.enables;
			});
		}
	});

	// Rows that repeat (nodes, conditions): "add" clones the list's template row; field names
	// carry __i__ where the row index goes (data-pattern keeps it for renumbering).
	document.addEventListener('click', function (event) {
		const add = event.target.closest('[data-add-row]');
		if (add) {
			event.preventDefault();
			const list = document.getElementById(add.dataset.addRow);
			const template = document.getElementById(list.dataset.template);
			const row = template.content.firstElementChild.cloneNode(true);
			list.appendChild(row);
			renumber(list);
			const first = row.querySelector('input, select');
			if (first) {
				first.focus();
			}
			return;
		}
		const remove = event.target.closest('[data-remove-row]');
		if (remove) {
			event.preventDefault();
			const row = remove.closest('[data-row]');
			const list = row.parentElement;
			row.remove();
			renumber(list);
		}
	});

	function renumber(list) {
		Array.prototype.forEach.call(list.children, function (row, index) {
			row.querySelectorAll('[name], [id], label[for]').forEach(function (node) {
				['name', 'id', 'for'].forEach(function (attribute) {
					const key = 'pattern' + attribute;
					if (node.dataset[key] === undefined && node.hasAttribute(attribute)
							&& node.getAttribute(attribute).indexOf('__i__') >= 0) {
						node.dataset[key] = node.getAttribute(attribute);
					}
					if (node.dataset[key] !== undefined) {
						node.setAttribute(attribute, node.dataset[key].replace(/__i__/g, String(index)));
					}
				});
			});
		});
	}

	document.addEventListener('DOMContentLoaded', function () {
		document.querySelectorAll('[data-template]').forEach(renumber);
	});

	// Wizard steps: "next" checks the step's required fields, then shows the next step.
	document.addEventListener('click', function (event) {
		const button = event.target.closest('[data-step-go]');
		if (!button) {
			return;
		}
		event.preventDefault();
		const wizard = button.closest('[data-wizard]');
		const current = button.closest('.step');
		if (button.dataset.stepGo === 'next') {
			const invalid = Array.prototype.find.call(current.querySelectorAll('input, select, textarea'),
				function (input) { return !input.disabled && !input.matches(':disabled') && !input.checkValidity(); });
			if (invalid) {
				invalid.reportValidity();
				return;
			}
		}
		const steps = Array.prototype.slice.call(wizard.querySelectorAll('.step'));
		const index = steps.indexOf(current) + (button.dataset.stepGo === 'next' ? 1 : -1);
		show(wizard, steps, index);
	});

	function show(wizard, steps, index) {
		steps.forEach(function (step, i) { step.hidden = i !== index; });
		wizard.querySelectorAll('.steps li').forEach(function (item, i) { item.classList.toggle('current', i === index); });
		const step = steps[index];
		if (step.dataset.summary !== undefined) {
			summarize(wizard, step);
		}
		const focus = step.querySelector('h2, input, select');
		if (focus) {
			if (focus.tagName === 'H2') {
				focus.tabIndex = -1;
			}
			focus.focus();
		}
	}

	// The confirm step lists what will be sent, read from the form itself.
	function summarize(wizard, step) {
		const form = wizard.closest('form') || wizard;
		const target = step.querySelector('[data-summary-body]');
		target.textContent = '';
		const body = formJson(form);
		const list = document.createElement('dl');
		list.className = 'summary';
		list.id = 'publish-summary';
		function item(term, value) {
			const dt = document.createElement('dt');
			dt.textContent = term;
			const dd = document.createElement('dd');
			dd.textContent = value;
			list.appendChild(dt);
			list.appendChild(dd);
		}
		item('Gateway group', body.gateway_group_id || '');
		(body.services || []).forEach(function (service) {
			item('Service', service.template_id + ' → version ' + (service.version || '?'));
			const upstream = service.upstream;
			if (!upstream) {
				item('Upstream', 'the current runtime configuration of the group');
			}
			else if (upstream.nodes) {
				item('Nodes', upstream.nodes.map(function (node) {
					return node.host + ':' + node.port + ' (weight ' + (node.weight === undefined ? 100 : node.weight) + ')';
				}).join(', '));
			}
			else {
				item('Service discovery', (upstream.service_registry_id || '?') + ' / ' + (upstream.namespace || '') + ' / '
					+ (upstream.service_name || '?'));
			}
			if (service.description) {
				item('Description', service.description);
			}
		});
		target.appendChild(list);
	}

	// Publish wizard: the chosen group suggests versions and narrows the registry choice.
	function chosenGroup() {
		const checked = document.querySelector('[data-target-group]:checked');
		return checked ? checked.value : '';
	}

	function applyGroup() {
		const group = chosenGroup();
		const suggestions = (window.porticoSuggestions || {})[group] || {};
		document.querySelectorAll('[data-suggest-for]').forEach(function (input) {
			if (!input.dataset.edited && suggestions[input.dataset.suggestFor]) {
				input.value = suggestions[input.dataset.suggestFor];
			}
		});
		document.querySelectorAll('[data-registry-select]').forEach(function (select) {
			Array.prototype.forEach.call(select.options, function (option) {
				const other = option.dataset.group && option.dataset.group !== group;
				option.hidden = other;
				option.disabled = other;
			});
			if (select.selectedOptions.length && select.selectedOptions[0].disabled) {
				select.value = '';
				document.getElementById('offer-' + select.dataset.index).textContent = '';
			}
		});
	}

	document.addEventListener('input', function (event) {
		if (event.target.matches('[data-suggest-for]')) {
			event.target.dataset.edited = 'true';
		}
	});

	document.addEventListener('change', function (event) {
		const input = event.target;
		if (input.matches('[data-target-group]')) {
			applyGroup();
		}
		else if (input.matches('[data-registry-select]')) {
			const target = '#offer-' + input.dataset.index;
			if (!input.value) {
				document.querySelector(target).textContent = '';
				return;
			}
			htmx.ajax('GET', '/ui/groups/' + encodeURIComponent(chosenGroup()) + '/registries/'
				+ encodeURIComponent(input.value) + '/offer?index=' + input.dataset.index, target);
		}
		else if (input.matches('[data-namespace-select]')) {
			htmx.ajax('GET', input.dataset.offerUrl + '&namespace=' + encodeURIComponent(input.value),
				'#offer-' + input.dataset.index);
		}
	});

	document.addEventListener('DOMContentLoaded', function () {
		if (document.querySelector('[data-target-group]')) {
			applyGroup();
		}
	});

	// Range inputs show their value next to them.
	document.addEventListener('input', function (event) {
		const input = event.target;
		if (input.matches('input[type=range][data-output]')) {
			const output = document.getElementById(input.dataset.output);
			if (output) {
				output.textContent = input.value + ' %';
			}
		}
	});

	// Tabs: one panel shown at a time.
	window.portico = {
		tab: function (button) {
			const list = button.closest('[role=tablist]');
			list.querySelectorAll('[role=tab]').forEach(function (tab) {
				const selected = tab === button;
				tab.setAttribute('aria-selected', String(selected));
				document.getElementById(tab.getAttribute('aria-controls')).hidden = !selected;
			});
		}
	};

	// htmx requests send the CSRF token too.
	document.addEventListener('htmx:configRequest', function (event) {
		event.detail.headers['X-CSRF-TOKEN'] = csrfToken();
	});
})();
