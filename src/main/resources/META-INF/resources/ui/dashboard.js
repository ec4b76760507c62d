/*
 * The rectrack dashboard. It reads only the public API (/api/v1, anonymous GETs), keeps every answer
 * with its ETag and asks again with If-None-Match, and follows the change stream to refresh what is
 * shown. Labels come from the page (data-labels), rendered by the server from the one message bundle.
 * No inline handlers, no inline styles in markup: the page's Content-Security-Policy allows neither.
 */
(function () {
  'use strict';

  var body = document.body;
  var LABELS = JSON.parse(body.getAttribute('data-labels') || '{}');
  var LANG = body.getAttribute('data-lang') || 'en';
  var API = '/api/v1';
  var STATUSES = ['FULLY_IMPLEMENTED', 'MOSTLY_IMPLEMENTED', 'PARTIALLY_IMPLEMENTED', 'NOT_IMPLEMENTED',
    'NO_LONGER_APPLICABLE', 'NOT_ASSESSED'];
  // how far along each assessed status is; the other two are not on the scale, so never "down" or "up"
  var RANK = { NOT_IMPLEMENTED: 1, PARTIALLY_IMPLEMENTED: 2, MOSTLY_IMPLEMENTED: 3, FULLY_IMPLEMENTED: 4 };
  var ASSESSORS = ['ISSUER', 'GOVERNMENT', 'CIVIL_SOCIETY', 'OTHER'];
  var FEED_TYPES = ['report', 'recommendation', 'assessment', 'progress-update', 'institution', 'theme'];
  var FILTERS = ['q', 'report', 'country', 'theme', 'addressee', 'priority', 'overdue'];
  var PAGE_SIZE = 15;

  function t(key, values) {
    var text = Object.prototype.hasOwnProperty.call(LABELS, key) ? LABELS[key] : key;
    if (values) {
      Object.keys(values).forEach(function (name) {
        text = text.split('{' + name + '}').join(String(values[name]));
      });
    }
    return text;
  }

  function $(id) {
    return document.getElementById(id);
  }

  /** An element with attributes and children (strings become text nodes, never HTML). */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) {
        return;
      }
      if (name === 'text') {
        node.textContent = value;
      } else {
        node.setAttribute(name, value === true ? '' : value);
      }
    });
    (children || []).forEach(function (child) {
      if (child !== null && child !== undefined) {
        node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
      }
    });
    return node;
  }

  function clear(node) {
    while (node.firstChild) {
      node.removeChild(node.firstChild);
    }
    return node;
  }

  var numberFormat = new Intl.NumberFormat(LANG);
  var percentFormat = new Intl.NumberFormat(LANG, { style: 'percent', maximumFractionDigits: 0 });
  var dateFormat = new Intl.DateTimeFormat(LANG, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
  var timeFormat = new Intl.DateTimeFormat(LANG, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

  function formatDate(iso) {
    return iso ? dateFormat.format(new Date(iso + 'T00:00:00Z')) : '–';
  }

  function formatRate(rate) {
    return rate === null || rate === undefined ? t('summary.noRate') : percentFormat.format(rate);
  }

  // ---------------------------------------------------------------------------------------------
  // Reading the API: every answer is kept with its ETag and revalidated, so an unchanged view costs
  // a 304 without a body. cache: 'no-store' keeps the browser's own cache out of it, so the 304
  // reaches this code and is counted.

  var answers = new Map();
  var counts = { requests: 0, notModified: 0 };

  function ApiError(status, detail, retryAfter) {
    this.status = status;
    this.detail = detail;
    this.retryAfter = retryAfter;
  }

  function get(path) {
    var kept = answers.get(path);
    var headers = { Accept: 'application/json' };
    if (kept) {
      headers['If-None-Match'] = kept.etag;
    }
    return fetch(path, { headers: headers, cache: 'no-store', credentials: 'same-origin' }).then(function (response) {
      counts.requests++;
      if (response.status === 304 && kept) {
        counts.notModified++;
        return kept.data;
      }
      if (!response.ok) {
        return response.text().then(function (text) {
          var detail = text;
          try {
            detail = JSON.parse(text).detail || text;
          } catch (ignored) {
            // not problem+json: keep the text
          }
          throw new ApiError(response.status, detail, parseInt(response.headers.get('Retry-After') || '', 10) || null);
        });
      }
      return response.json().then(function (data) {
        var etag = response.headers.get('ETag');
        if (etag) {
          answers.set(path, { etag: etag, data: data });
        }
        return data;
      });
    });
  }

  /** Every item of a list, following next (bounded: code lists are short). */
  function getAll(path) {
    var items = [];
    function page(cursor, left) {
      var url = path + (path.indexOf('?') < 0 ? '?' : '&') + 'limit=500' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : '');
      return get(url).then(function (answer) {
        items = items.concat(answer.items);
        return answer.next && left > 0 ? page(answer.next, left - 1) : items;
      });
    }
    return page(null, 20);
  }

  function updated() {
    body.setAttribute('data-requests', String(counts.requests));
    body.setAttribute('data-not-modified', String(counts.notModified));
    $('updated').textContent = t('foot.updated', {
      time: timeFormat.format(new Date()), notModified: counts.notModified, requests: counts.requests
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Live: the change stream. EventSource resumes by itself with Last-Event-ID after a dropped
  // connection; when the server refused it (readyState CLOSED, e.g. 503 for too many streams) a new
  // one is opened after a growing pause. Every (re)opening refreshes the view: what happened while
  // the stream was away is read again, and an unchanged view costs only 304s.

  var live = $('live');

  function setLive(state) {
    live.setAttribute('data-state', state);
    live.textContent = t('live.' + state);
  }

  function follow(onChange) {
    var pause = 1000;
    var source = null;
    window.addEventListener('pagehide', function () {
      if (source) {
        source.close();
      }
    });
    function open() {
      source = new EventSource(API + '/changes/stream');
      source.onopen = function () {
        pause = 1000;
        setLive('live');
        onChange(null);
      };
      source.onerror = function () {
        if (source.readyState === EventSource.CLOSED) {
          setLive('offline');
          setTimeout(open, pause);
          pause = Math.min(pause * 2, 30000);
        } else {
          setLive('reconnecting');
        }
      };
      FEED_TYPES.forEach(function (type) {
        source.addEventListener(type, function (event) {
          var change = null;
          try {
            change = JSON.parse(event.data);
          } catch (ignored) {
            // a change we cannot read still means: refresh
          }
          body.setAttribute('data-last-event', event.lastEventId || '');
          onChange(change);
        });
      });
    }
    open();
  }

  /** Runs refresh() at most once at a time; changes that arrive meanwhile get one more run after it. */
  function coalesced(refresh) {
    var running = false;
    var again = false;
    var timer = null;
    function run() {
      timer = null;
      if (running) {
        again = true;
        return;
      }
      running = true;
      Promise.resolve().then(refresh).then(clearError, function (error) {
        showError(error);
        if (!error || (error.status !== 400 && error.status !== 404)) {
          // throttled, unavailable or offline: ask again, when the server says it may be asked if it does
          setTimeout(schedule, 1000 * (error && error.retryAfter ? error.retryAfter : 10));
        }
      }).then(function () {
        running = false;
        updated();
        if (again) {
          again = false;
          schedule();
        }
      });
    }
    function schedule() {
      if (timer === null) {
        timer = setTimeout(run, 150);
      }
    }
    return schedule;
  }

  /** A refused request says why (a 400 names the bad filter); anything else will be tried again. */
  function showError(error) {
    var box = $('page-error');
    box.hidden = false;
    if (error && error.status === 400) {
      box.textContent = t('error.refused', { detail: error.detail });
    } else {
      box.textContent = t('error.load', { status: error && error.status ? error.status : 'network' });
    }
  }

  function clearError() {
    $('page-error').hidden = true;
  }

  /**
   * Runs every part of a view even when one fails, so one refused request does not blank the page;
   * fails afterwards with the first error.
   */
  function allParts(parts) {
    var failure = null;
    return Promise.all(parts.map(function (part) {
      return part.catch(function (error) {
        failure = failure || error;
      });
    })).then(function () {
      if (failure) {
        throw failure;
      }
    });
  }

  function statusBadge(status, extra) {
    return el('span', { 'class': 'badge s-' + status, 'data-status': status }, [t('status.' + status)].concat(extra || []));
  }

  // ---------------------------------------------------------------------------------------------
  // The overview.

  function overview() {
    var names = { report: {}, theme: {}, addressee: {} };
    var cursors = [null];
    var chart = null;
    var reportDates = {};

    function params() {
      return new URLSearchParams(window.location.search);
    }

    /** The API query of the filters in the URL (only those set), without a leading '?'. */
    function filterQuery(from) {
      var source = from || params();
      var query = new URLSearchParams();
      FILTERS.forEach(function (name) {
        var value = source.get(name);
        if (value) {
          query.set(name, value);
        }
      });
      source.getAll('status').forEach(function (value) {
        if (value) {
          query.append('status', value);
        }
      });
      return query.toString();
    }

    function withFilters(path, extra) {
      var query = filterQuery();
      var parts = [query, extra].filter(function (part) { return part; });
      return path + (parts.length ? '?' + parts.join('&') : '');
    }

    /** This page's URL with the given filters, the language and the interval kept. */
    function viewUrl(query) {
      var next = new URLSearchParams(query);
      var current = params();
      if (current.get('interval')) {
        next.set('interval', current.get('interval'));
      }
      next.set('lang', LANG);
      return '/?' + next.toString();
    }

    function fillForm() {
      var current = params();
      FILTERS.forEach(function (name) {
        var field = $('f-' + name);
        var value = current.get(name) || '';
        if (field.tagName === 'SELECT' && value && !Array.prototype.some.call(field.options, function (o) { return o.value === value; })) {
          field.appendChild(el('option', { value: value, text: value }));
        }
        field.value = value;
      });
      var chosen = current.getAll('status').join(',').split(',');
      Array.prototype.forEach.call($('f-status').querySelectorAll('input'), function (box) {
        box.checked = chosen.indexOf(box.value) >= 0;
      });
      $('t-interval').value = current.get('interval') || 'month';
      Array.prototype.forEach.call(document.querySelectorAll('[data-lang-link]'), function (link) {
        var query = new URLSearchParams(window.location.search);
        query.set('lang', link.getAttribute('data-lang-link'));
        link.setAttribute('href', '/?' + query.toString());
      });
    }

    function statusChecks() {
      var box = $('f-status');
      STATUSES.forEach(function (status) {
        var id = 'f-status-' + status;
        box.appendChild(el('div', { 'class': 'check' }, [
          el('input', { type: 'checkbox', id: id, name: 'status', value: status }),
          el('label', { 'for': id }, [el('span', { 'class': 'swatch s-' + status, 'aria-hidden': 'true' }), t('status.' + status)])
        ]));
      });
    }

    function options(select, items, value, label) {
      var chosen = select.value;
      while (select.options.length > 1) {
        select.remove(1);
      }
      items.forEach(function (item) {
        select.appendChild(el('option', { value: value(item), text: label(item) }));
      });
      if (chosen) {
        select.value = chosen;
      }
    }

    function loadCodeLists() {
      return Promise.all([getAll(API + '/reports'), getAll(API + '/themes'), getAll(API + '/institutions')]).then(function (lists) {
        var reports = lists[0];
        var countries = {};
        reports.forEach(function (r) {
          names.report[r.reference] = r.title;
          countries[r.country] = true;
          reportDates[r.reference] = r.electionDate || r.publishedOn;
        });
        lists[1].forEach(function (theme) { names.theme[theme.code] = theme.label; });
        lists[2].forEach(function (institution) { names.addressee[institution.code] = institution.name; });
        options($('f-report'), reports, function (r) { return r.reference; }, function (r) { return r.reference + ' · ' + r.title; });
        options($('f-country'), Object.keys(countries).sort(), function (c) { return c; }, function (c) { return c; });
        options($('f-theme'), lists[1], function (x) { return x.code; }, function (x) { return x.label; });
        options($('f-addressee'), lists[2], function (x) { return x.code; }, function (x) { return x.name; });
        fillForm();
      });
    }

    /** A bar of the status counts, widths set through the CSSOM (allowed by the CSP). */
    function bar(byStatus, total) {
      var node = el('div', { 'class': 'bar', 'aria-hidden': 'true' });
      STATUSES.forEach(function (status) {
        var n = byStatus[status] || 0;
        if (n > 0 && total > 0) {
          var part = el('span', { 'class': 'seg s-' + status, title: t('status.' + status) + ': ' + n });
          part.style.width = (100 * n / total) + '%';
          node.appendChild(part);
        }
      });
      return node;
    }

    /** The counts as text, for screen readers and for print. */
    function countsText(byStatus) {
      return STATUSES.filter(function (s) { return byStatus[s] > 0; }).map(function (s) {
        return t('status.' + s) + ': ' + numberFormat.format(byStatus[s]);
      }).join('; ');
    }

    function renderSummary(stats) {
      var total = stats.total;
      $('sum-total').textContent = numberFormat.format(total.total);
      $('sum-rate').textContent = formatRate(total.implementationRate);
      $('sum-overdue').textContent = numberFormat.format(total.overdue);
      $('sum-total').setAttribute('data-value', String(total.total));
      $('sum-overdue').setAttribute('data-value', String(total.overdue));
      $('sum-rate').setAttribute('data-value', total.implementationRate === null ? '' : String(total.implementationRate));
      clear($('sum-bar')).appendChild(bar(total.byStatus, total.total));
      var list = clear($('sum-status'));
      STATUSES.forEach(function (status) {
        var n = total.byStatus[status] || 0;
        list.appendChild(el('li', { 'data-status': status, 'data-value': String(n) }, [
          el('span', { 'class': 'swatch s-' + status, 'aria-hidden': 'true' }),
          el('span', { 'class': 'count', text: numberFormat.format(n) }), ' ',
          el('span', { text: t('status.' + status) })
        ]));
      });
    }

    function renderGroups(table, group, stats) {
      clear(table);
      table.appendChild(el('caption', { 'class': 'sr-only', text: t('group.' + group) }));
      table.appendChild(el('thead', {}, [el('tr', {}, [
        el('th', { scope: 'col', text: t('group.name') }),
        el('th', { scope: 'col', 'class': 'dist', text: t('group.distribution') }),
        el('th', { scope: 'col', 'class': 'num', text: t('group.rate') }),
        el('th', { scope: 'col', 'class': 'num', text: t('group.overdue') }),
        el('th', { scope: 'col', 'class': 'num', text: t('group.total') })
      ])]));
      var rows = el('tbody');
      var groups = stats.groups.slice().sort(function (a, b) { return b.total - a.total; });
      groups.forEach(function (g) {
        var code = g.key[group];
        var name = code === null || code === undefined ? '–' : (names[group][code] || String(code));
        var query = new URLSearchParams(filterQuery());
        var link = code === null || code === undefined ? el('span', { text: name })
          : el('a', { href: viewUrl((query.set(group, code), query)), 'data-code': String(code), title: t('group.filterBy', { name: name }) }, [name]);
        rows.appendChild(el('tr', { 'data-key': code === null ? '' : String(code) }, [
          el('th', { scope: 'row' }, [link]),
          el('td', { 'class': 'dist' }, [bar(g.byStatus, g.total), el('span', { 'class': 'sr-only print-only', text: countsText(g.byStatus) })]),
          el('td', { 'class': 'num', 'data-label': t('group.rate'), 'data-value': g.implementationRate === null ? '' : String(g.implementationRate), text: formatRate(g.implementationRate) }),
          el('td', { 'class': 'num', 'data-label': t('group.overdue'), 'data-value': String(g.overdue), text: numberFormat.format(g.overdue) }),
          el('td', { 'class': 'num', 'data-label': t('group.total'), 'data-value': String(g.total), text: numberFormat.format(g.total) })
        ]));
      });
      if (!groups.length) {
        rows.appendChild(el('tr', {}, [el('td', { colspan: '5', text: t('group.empty') })]));
      }
      table.appendChild(rows);
    }

    function timelineRange() {
      var query = params();
      var to = new Date().toISOString().slice(0, 10);
      var chosen = query.get('report');
      var dates = Object.keys(reportDates).filter(function (r) { return !chosen || r === chosen; })
        .map(function (r) { return reportDates[r]; }).filter(function (d) { return d; }).sort();
      var yearAgo = new Date(Date.now() - 365 * 86400000).toISOString().slice(0, 10);
      var from = dates.length && dates[0] < yearAgo ? dates[0] : yearAgo;
      // at most 30 years: 360 months, within the API's 400 points for every interval
      var earliest = (parseInt(to.slice(0, 4), 10) - 30) + to.slice(4);
      return 'from=' + (from < earliest ? earliest : from) + '&to=' + to;
    }

    function renderTimeline(timeline) {
      var points = timeline.points;
      var table = clear($('timeline-table'));
      table.appendChild(el('thead', {}, [el('tr', {}, [el('th', { scope: 'col', text: t('timeline.periodEnd') })]
        .concat(STATUSES.map(function (s) { return el('th', { scope: 'col', 'class': 'num', text: t('status.' + s) }); }))
        .concat([el('th', { scope: 'col', 'class': 'num', text: t('timeline.rate') })]))]));
      var rows = el('tbody');
      points.forEach(function (p) {
        rows.appendChild(el('tr', {}, [el('th', { scope: 'row', text: formatDate(p.periodEnd) })]
          .concat(STATUSES.map(function (s) { return el('td', { 'class': 'num', text: numberFormat.format(p.byStatus[s] || 0) }); }))
          .concat([el('td', { 'class': 'num', text: formatRate(p.implementationRate) })])));
      });
      table.appendChild(rows);

      var box = $('timeline-chart');
      if (typeof window.uPlot !== 'function') {
        return;
      }
      var xs = points.map(function (p) { return Date.parse(p.periodEnd + 'T00:00:00Z') / 1000; });
      var data = [xs].concat(STATUSES.map(function (s) { return points.map(function (p) { return p.byStatus[s] || 0; }); }));
      var styles = getComputedStyle(document.documentElement);
      var width = Math.max(280, box.clientWidth);
      if (chart) {
        chart.destroy();
      }
      clear(box);
      chart = new window.uPlot({
        width: width,
        height: 260,
        scales: { x: { time: true } },
        axes: [{ stroke: styles.getPropertyValue('--ink').trim() }, { stroke: styles.getPropertyValue('--ink').trim() }],
        series: [{ label: t('timeline.periodEnd'), value: function (u, v) { return v === null ? '–' : formatDate(new Date(v * 1000).toISOString().slice(0, 10)); } }]
          .concat(STATUSES.map(function (s) {
            return {
              label: t('status.' + s),
              stroke: styles.getPropertyValue('--' + s).trim(),
              width: 2,
              points: { show: false },
              dash: s === 'NOT_ASSESSED' ? [6, 4] : s === 'NO_LONGER_APPLICABLE' ? [2, 3] : undefined
            };
          }))
      }, data, box);
    }

    function renderList(page) {
      var rows = clear($('list-body'));
      page.items.forEach(function (r) {
        var flags = [];
        if (r.overdue) {
          flags.push(el('span', { 'class': 'flag overdue', text: t('list.overdue') }));
        }
        if (r.priority) {
          flags.push(el('span', { 'class': 'flag', text: t('list.priority') }));
        }
        rows.appendChild(el('tr', { 'data-reference': r.reference }, [
          el('th', { scope: 'row' }, [el('a', { href: '/ui/recommendations/' + encodeURIComponent(r.reference) + '?lang=' + LANG, text: r.reference })]),
          el('td', { 'class': 'text' }, [el('span', { text: r.text.length > 160 ? r.text.slice(0, 157) + '…' : r.text })]),
          el('td', {}, [statusBadge(r.status)].concat(flags)),
          el('td', { text: formatDate(r.targetDate) })
        ]));
      });
      $('list-empty').hidden = page.items.length > 0;
      var index = cursors.length;
      $('page-no').textContent = t('list.page', { n: index });
      $('page-prev').disabled = index <= 1;
      $('page-first').disabled = index <= 1;
      $('page-next').disabled = !page.next;
      $('page-next').setAttribute('data-cursor', page.next || '');
    }

    function listUrl() {
      var cursor = cursors[cursors.length - 1];
      return withFilters(API + '/recommendations', 'limit=' + PAGE_SIZE + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
    }

    function refresh() {
      var interval = params().get('interval') || 'month';
      return allParts([
        get(withFilters(API + '/stats')).then(renderSummary),
        get(withFilters(API + '/stats', 'groupBy=report')).then(function (s) { renderGroups($('by-report'), 'report', s); }),
        get(withFilters(API + '/stats', 'groupBy=theme')).then(function (s) { renderGroups($('by-theme'), 'theme', s); }),
        get(withFilters(API + '/stats', 'groupBy=addressee')).then(function (s) { renderGroups($('by-addressee'), 'addressee', s); }),
        get(withFilters(API + '/stats/timeline', 'interval=' + interval + '&' + timelineRange())).then(renderTimeline),
        get(listUrl()).then(renderList)
      ]).then(function () {
        body.setAttribute('data-ready', 'true');
      }, function (error) {
        body.setAttribute('data-ready', 'true');
        throw error;
      });
    }

    var schedule = coalesced(refresh);
    var codeListsDue = false;

    function navigate(query) {
      window.history.pushState(null, '', viewUrl(query));
      cursors = [null];
      fillForm();
      schedule();
    }

    function formQuery() {
      var form = $('filters');
      var query = new URLSearchParams();
      FILTERS.forEach(function (name) {
        var value = form.elements[name].value.trim();
        if (value) {
          query.set(name, value);
        }
      });
      Array.prototype.forEach.call($('f-status').querySelectorAll('input:checked'), function (box) {
        query.append('status', box.value);
      });
      return query;
    }

    statusChecks();
    fillForm();
    $('filters').addEventListener('submit', function (event) {
      event.preventDefault();
      navigate(formQuery());
    });
    $('f-reset').addEventListener('click', function () {
      navigate(new URLSearchParams());
    });
    $('t-interval').addEventListener('change', function () {
      var query = new URLSearchParams(filterQuery());
      var next = viewUrl(query).replace(/&?interval=[^&]*/, '');
      window.history.pushState(null, '', next + '&interval=' + encodeURIComponent($('t-interval').value));
      schedule();
    });
    window.addEventListener('popstate', function () {
      cursors = [null];
      fillForm();
      schedule();
    });
    $('page-next').addEventListener('click', function () {
      var next = $('page-next').getAttribute('data-cursor');
      if (next) {
        cursors.push(next);
        schedule();
      }
    });
    $('page-prev').addEventListener('click', function () {
      if (cursors.length > 1) {
        cursors.pop();
        schedule();
      }
    });
    $('page-first').addEventListener('click', function () {
      cursors = [null];
      schedule();
    });
    $('csv').addEventListener('click', function () {
      downloadCsv(withFilters(API + '/recommendations'));
    });
    var resizeTimer = null;
    window.addEventListener('resize', function () {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(schedule, 200);
    });

    loadCodeLists().catch(showError).then(function () {
      schedule();
      follow(function (change) {
        if (change && ['report', 'theme', 'institution'].indexOf(change.type) >= 0) {
          codeListsDue = true;
        }
        if (codeListsDue) {
          codeListsDue = false;
          loadCodeLists().catch(showError).then(schedule);
        } else {
          schedule();
        }
      });
    });
  }

  /**
   * The export is GET /api/v1/recommendations with Accept: text/csv, which a link cannot send, so the
   * file is fetched and handed to the browser as a Blob (the API has no format parameter).
   */
  function downloadCsv(url) {
    var status = $('csv-status');
    fetch(url, { headers: { Accept: 'text/csv' }, cache: 'no-store', credentials: 'same-origin' }).then(function (response) {
      if (!response.ok) {
        throw new ApiError(response.status, response.statusText);
      }
      return response.blob();
    }).then(function (blob) {
      var name = 'recommendations-' + new Date().toISOString().slice(0, 10) + '.csv';
      var href = URL.createObjectURL(blob);
      var link = el('a', { href: href, download: name, hidden: true });
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(href); }, 10000);
      status.textContent = t('list.csvReady', { name: name });
      body.setAttribute('data-csv-bytes', String(blob.size));
    }).catch(function (error) {
      status.textContent = t('list.csvFailed', { detail: error && error.status ? error.status : 'network' });
    });
  }

  // ---------------------------------------------------------------------------------------------
  // One recommendation.

  function recommendation() {
    var reference = body.getAttribute('data-reference');
    var base = API + '/recommendations/' + encodeURIComponent(reference);
    var institutions = {};
    var themes = {};

    function yesNo(value) {
      return t(value ? 'rec.yes' : 'rec.no');
    }

    function renderItem(r, reportTitle) {
      document.title = r.reference + ' · ' + t('app.title');
      $('rec-title').textContent = r.reference;
      $('rec-text').textContent = r.text;
      clear($('rec-status')).appendChild(statusBadge(r.status));
      if (r.statusAssessedOn) {
        $('rec-status').appendChild(document.createTextNode(' ' + t('rec.assessedOn', { date: formatDate(r.statusAssessedOn) })));
      }
      clear($('rec-report')).appendChild(el('a', { href: '/?report=' + encodeURIComponent(r.report) + '&lang=' + LANG, text: reportTitle ? r.report + ' · ' + reportTitle : r.report }));
      $('rec-priority').textContent = yesNo(r.priority);
      $('rec-addressees').textContent = r.addressees.length ? r.addressees.map(function (code) { return institutions[code] || code; }).join('; ') : t('rec.none');
      $('rec-themes').textContent = r.themes.length ? r.themes.map(function (code) { return themes[code] || code; }).join('; ') : t('rec.none');
      $('rec-response').textContent = t('response.' + r.response);
      $('rec-target').textContent = formatDate(r.targetDate);
      var overdue = clear($('rec-overdue'));
      overdue.setAttribute('data-value', String(r.overdue));
      overdue.appendChild(r.overdue ? el('span', { 'class': 'flag overdue', text: t('rec.yes') }) : document.createTextNode(t('rec.no')));
      var repeats = clear($('rec-repeats'));
      repeats.appendChild(r.repeats ? el('a', { href: '/ui/recommendations/' + encodeURIComponent(r.repeats) + '?lang=' + LANG, text: r.repeats }) : document.createTextNode(t('rec.none')));

      var ratings = clear($('ratings'));
      ASSESSORS.forEach(function (type) {
        var latest = r.latestAssessments.filter(function (a) { return a.assessorType === type; })[0];
        ratings.appendChild(el('li', { 'class': 'rating', 'data-assessor': type, 'data-status': latest ? latest.status : '' }, [
          el('h3', { text: t('assessor.' + type) }),
          latest ? statusBadge(latest.status) : el('p', { 'class': 'muted', text: t('rec.notRated') }),
          latest ? el('p', { 'class': 'meta', text: t('rec.assessedOn', { date: formatDate(latest.assessedOn) }) + (latest.assessorName ? ' · ' + t('rec.by', { name: latest.assessorName }) : '') }) : null,
          latest && latest.rawStatus ? el('p', { 'class': 'meta', text: t('rec.raw', { raw: latest.rawStatus }) }) : null
        ]));
      });
    }

    function evidence(urls) {
      if (!urls || !urls.length) {
        return null;
      }
      return el('p', { 'class': 'meta' }, [t('rec.evidence') + ': '].concat(urls.map(function (url, i) {
        var safe = /^https?:\/\//i.test(url) ? url : null;
        return el('span', {}, [i ? ', ' : '', safe ? el('a', { href: safe, rel: 'noreferrer noopener', text: url }) : url]);
      })));
    }

    /** Assessments and progress updates in one line of time; a rating below the same assessor's previous one says so. */
    function renderHistory(assessments, progress) {
      var entries = assessments.map(function (a) { return { kind: 'assessment', date: a.assessedOn, at: a.recordedAt, item: a }; })
        .concat(progress.map(function (p) { return { kind: 'progress', date: p.reportedOn, at: p.recordedAt, item: p }; }));
      entries.sort(function (a, b) { return a.date < b.date ? -1 : a.date > b.date ? 1 : a.at < b.at ? -1 : a.at > b.at ? 1 : 0; });
      var previous = {};
      var list = clear($('history'));
      entries.forEach(function (entry) {
        var item = entry.item;
        var node;
        if (entry.kind === 'assessment') {
          var before = previous[item.assessorType];
          var move = null;
          if (before && RANK[before] && RANK[item.status] && RANK[item.status] !== RANK[before]) {
            var down = RANK[item.status] < RANK[before];
            move = el('span', { 'class': 'move ' + (down ? 'down' : 'up'), 'data-move': down ? 'down' : 'up' }, [
              el('span', { 'aria-hidden': 'true', text: down ? '▼ ' : '▲ ' }),
              t(down ? 'rec.down' : 'rec.up', { previous: t('status.' + before) })
            ]);
          }
          previous[item.assessorType] = item.status;
          node = el('li', { 'class': 'entry assessment' + (move && move.getAttribute('data-move') === 'down' ? ' went-down' : ''), 'data-kind': 'assessment', 'data-status': item.status, 'data-assessor': item.assessorType }, [
            el('p', { 'class': 'when' }, [el('time', { datetime: item.assessedOn, text: formatDate(item.assessedOn) })]),
            el('h3', { text: t('rec.assessment', { assessor: t('assessor.' + item.assessorType) + (item.assessorName ? ' (' + item.assessorName + ')' : '') }) }),
            el('p', {}, [statusBadge(item.status), move ? ' ' : null, move]),
            item.rawStatus ? el('p', { 'class': 'meta', text: t('rec.raw', { raw: item.rawStatus }) }) : null,
            item.rationale ? el('p', { text: item.rationale }) : null,
            item.source ? el('p', { 'class': 'meta', text: t('rec.source', { source: item.source }) }) : null,
            evidence(item.evidence)
          ]);
        } else {
          node = el('li', { 'class': 'entry progress', 'data-kind': 'progress', 'data-stage': item.stage }, [
            el('p', { 'class': 'when' }, [el('time', { datetime: item.reportedOn, text: formatDate(item.reportedOn) })]),
            el('h3', { text: t('rec.progress', { institution: institutions[item.institution] || item.institution }) }),
            el('p', {}, [el('span', { 'class': 'stage', text: t('stage.' + item.stage) }),
              item.percentComplete === null || item.percentComplete === undefined ? null : ' · ' + t('rec.percent', { n: item.percentComplete })]),
            el('p', { text: item.summary }),
            evidence(item.evidence)
          ]);
        }
        list.appendChild(node);
      });
      $('history-empty').hidden = entries.length > 0;
    }

    function refresh() {
      return Promise.all([
        get(base),
        getAll(base + '/assessments'),
        getAll(base + '/progress-updates')
      ]).then(function (answers) {
        var r = answers[0];
        return get(API + '/reports/' + encodeURIComponent(r.report)).then(function (report) { return report.title; }, function () { return null; })
          .then(function (title) {
            renderItem(r, title);
            renderHistory(answers[1], answers[2]);
            body.setAttribute('data-ready', 'true');
          });
      }, function (error) {
        if (error && error.status === 404) {
          $('rec-missing').hidden = false;
          $('rec-missing').textContent = t('rec.notFound', { reference: reference });
          $('rec-about').hidden = true;
          body.setAttribute('data-ready', 'true');
          return;
        }
        throw error;
      });
    }

    var schedule = coalesced(refresh);
    Promise.all([getAll(API + '/institutions'), getAll(API + '/themes')]).then(function (lists) {
      lists[0].forEach(function (i) { institutions[i.code] = i.name; });
      lists[1].forEach(function (theme) { themes[theme.code] = theme.label; });
    }).catch(function () { /* codes are shown instead of names */ }).then(function () {
      schedule();
      follow(function (change) {
        if (!change || change.key === reference || (change.data && change.data.recommendation === reference)) {
          schedule();
        }
      });
    });
  }

  // a printout shows the timeline's table, which on screen sits in a closed <details>
  window.addEventListener('beforeprint', function () {
    Array.prototype.forEach.call(document.querySelectorAll('details'), function (details) {
      details.open = true;
    });
  });

  if (body.getAttribute('data-page') === 'overview') {
    overview();
  } else if (body.getAttribute('data-page') === 'recommendation') {
    recommendation();
  }
}());
