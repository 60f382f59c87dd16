// The convention page: add and remove project lines, and keep the total in step as amounts are typed.
// Amounts are read the way the server reads them (AmountInput.TryParseCentimes) and summed in whole centimes,
// so the total shown is exactly the total that will be saved.
(function () {
  'use strict';

  var form = document.getElementById('convention-form');
  if (!form) {
    return;
  }

  var lines = document.getElementById('project-lines');
  var template = document.getElementById('project-line-template');
  var output = document.getElementById('convention-total');
  var warning = document.getElementById('convention-total-warning');
  var created = 0;

  function parseCentimes(text) {
    var value = (text || '').replace(/[\s\u00A0\u202F]/g, '').replace(/dh$/i, '');
    var match = /^(\d{1,12})(?:[.,](\d{1,2}))?$/.exec(value);
    if (!match) {
      return null;
    }
    var fraction = match[2] ? (match[2] + '0').slice(0, 2) : '00';
    return Number(match[1]) * 100 + Number(fraction);
  }

  // The total as PortalFormat.Dirhams writes it in the page's language: 6 990 500 DH, 6 990 500 درهم, 6,990,500 MAD.
  var language = document.documentElement.lang;
  var english = language === 'en';

  function group(digits) {
    return digits.replace(/\B(?=(\d{3})+(?!\d))/g, english ? ',' : '\u00A0');
  }

  function formatDirhams(centimes) {
    var whole = Math.floor(centimes / 100);
    var rest = centimes % 100;
    var text = group(String(whole));
    if (rest !== 0) {
      text += (english ? '.' : ',') + (rest < 10 ? '0' : '') + rest;
    }
    return text + (english ? ' MAD' : language === 'ar' ? '\u00A0درهم' : '\u00A0DH');
  }

  function update() {
    var total = 0;
    var unreadable = false;
    var number = 0;
    lines.querySelectorAll('[data-line]').forEach(function (line) {
      var removed = line.querySelector('[data-remove]').checked;
      line.classList.toggle('line-removed', removed);
      line.querySelectorAll('[data-required]').forEach(function (input) {
        input.required = !removed;
      });
      var label = line.querySelector('[data-line-number]');
      if (!removed) {
        number += 1;
      }
      if (label) {
        label.textContent = removed ? '—' : String(number);
      }
      if (removed) {
        return;
      }
      var amount = line.querySelector('[data-amount]');
      var text = amount.value.trim();
      if (text === '') {
        return;
      }
      var centimes = parseCentimes(text);
      if (centimes === null) {
        unreadable = true;
      } else {
        total += centimes;
      }
    });
    output.textContent = formatDirhams(total);
    warning.hidden = !unreadable;
  }

  function addLine() {
    created += 1;
    var key = 'n' + Date.now().toString(36) + created;
    var html = template.innerHTML.replace(/__key__/g, key);
    var holder = document.createElement('div');
    holder.innerHTML = html.trim();
    var line = holder.firstElementChild;
    lines.appendChild(line);
    update();
    var title = line.querySelector('input[name$=".Title"]');
    if (title) {
      title.focus();
    }
  }

  form.addEventListener('input', function (event) {
    if (event.target.matches('[data-amount]')) {
      update();
    }
  });

  form.addEventListener('change', function (event) {
    if (event.target.matches('[data-remove]')) {
      var line = event.target.closest('[data-line]');
      // A line added on this page and removed again is simply taken away.
      if (event.target.checked && !line.querySelector('input[name$=".Id"]')) {
        line.remove();
      }
      update();
    }
  });

  var addButton = form.querySelector('[data-add-line]');
  if (addButton && template) {
    addButton.addEventListener('click', function (event) {
      event.preventDefault();
      addLine();
    });
  }

  update();
})();
