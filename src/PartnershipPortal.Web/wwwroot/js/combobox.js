// Filters with too many choices for a menu (associations, cities): a text box that offers the first matches from a
// small JSON endpoint, following the WAI-ARIA combobox pattern (listbox popup, aria-activedescendant): arrow keys move,
// Enter or a click chooses, Escape closes, a live region says how many choices there are. The chosen value goes in a
// hidden field under the filter's name; text typed and not chosen filters nothing.
(function () {
  'use strict';

  function init(box) {
    var input = box.querySelector('[role="combobox"]');
    var hidden = box.querySelector('input[type="hidden"]');
    var list = box.querySelector('[role="listbox"]');
    var status = box.querySelector('[role="status"]');
    var source = box.getAttribute('data-source');
    var items = [];
    var active = -1;
    var timer = null;
    var request = 0;

    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }

    function highlight(index) {
      var options = list.querySelectorAll('[role="option"]');
      options.forEach(function (option, i) {
        option.setAttribute('aria-selected', i === index ? 'true' : 'false');
        option.classList.toggle('active', i === index);
      });
      active = index;
      if (index >= 0) {
        input.setAttribute('aria-activedescendant', options[index].id);
        options[index].scrollIntoView({ block: 'nearest' });
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    }

    function choose(index) {
      var item = items[index];
      if (!item) {
        return;
      }
      hidden.value = item.value;
      input.value = item.text;
      close();
    }

    function render(found) {
      items = found;
      list.textContent = '';
      found.forEach(function (item, i) {
        var option = document.createElement('li');
        option.id = list.id + '-' + i;
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', 'false');
        option.className = 'list-group-item list-group-item-action';
        option.textContent = item.text;
        // mousedown, not click: the input's blur would close the list before a click lands.
        option.addEventListener('mousedown', function (event) {
          event.preventDefault();
          choose(i);
        });
        list.appendChild(option);
      });
      var open = found.length > 0;
      list.hidden = !open;
      input.setAttribute('aria-expanded', open ? 'true' : 'false');
      active = -1;
      status.textContent = found.length === 0 ? box.getAttribute('data-none') : box.getAttribute('data-count').replace('{0}', found.length);
    }

    function lookup() {
      var mine = ++request;
      fetch(source + '?q=' + encodeURIComponent(input.value), { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (found) {
          // An answer to an older text arriving late must not replace the current one's.
          if (mine === request) {
            render(found);
          }
        })
        .catch(function () { if (mine === request) { render([]); } });
    }

    input.addEventListener('input', function () {
      hidden.value = '';
      clearTimeout(timer);
      timer = setTimeout(lookup, 150);
    });
    input.addEventListener('keydown', function (event) {
      var open = !list.hidden;
      if (event.key === 'ArrowDown') {
        event.preventDefault();
        if (!open) {
          lookup();
        } else {
          highlight(Math.min(active + 1, items.length - 1));
        }
      } else if (event.key === 'ArrowUp') {
        if (open) {
          event.preventDefault();
          highlight(Math.max(active - 1, 0));
        }
      } else if (event.key === 'Enter') {
        if (open && active >= 0) {
          event.preventDefault();
          choose(active);
        }
      } else if (event.key === 'Escape') {
        if (open) {
          event.preventDefault();
          close();
        }
      }
    });
    input.addEventListener('blur', close);
  }

  document.querySelectorAll('[data-combobox]').forEach(init);
})();
