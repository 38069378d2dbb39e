/* Make Material's phone menu and search usable from the keyboard.
 *
 * Material opens its menu drawer and search with hidden checkboxes and <label>s, which cannot
 * take keyboard focus. The header has real buttons instead (partials/header.html); this script
 * connects them to the checkboxes, keeps aria-expanded true to the drawer's state, moves focus
 * into the drawer and its panels as they open, closes the drawer when focus leaves it, and
 * closes it on Escape with focus back on the button.
 */
(function () {
  "use strict";

  var SLIDE_MS = 260; // the drawer and its panels slide for 250 ms

  var drawerToggle = document.getElementById("__drawer");
  var searchToggle = document.getElementById("__search");
  var menuButton = document.getElementById("ss-menu-button");
  var searchButton = document.getElementById("ss-search-button");
  var drawer = document.getElementById("ss-menu");

  function setToggle(toggle, on) {
    if (toggle.checked !== on) {
      toggle.checked = on;
      // Material reacts to the change event, as it does when a label is clicked.
      toggle.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  function shown(element) {
    var box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && box.right > 0 && box.left < window.innerWidth &&
      (!element.checkVisibility ||
        element.checkVisibility({ opacityProperty: true, visibilityProperty: true }));
  }

  function firstControl(root) {
    var controls = root.querySelectorAll("a[href], button, input:not([type=checkbox]), [tabindex='0']");
    for (var i = 0; i < controls.length; i += 1) {
      if (shown(controls[i])) {
        return controls[i];
      }
    }
    return null;
  }

  if (menuButton && drawerToggle && drawer) {
    var sync = function () {
      menuButton.setAttribute("aria-expanded", drawerToggle.checked ? "true" : "false");
    };

    menuButton.addEventListener("click", function () {
      var open = !drawerToggle.checked;
      setToggle(drawerToggle, open);
      if (open) {
        window.setTimeout(function () {
          var first = firstControl(drawer);
          if (first) {
            first.focus();
          }
        }, SLIDE_MS);
      }
    });
    drawerToggle.addEventListener("change", sync);

    // Leaving the drawer with Tab closes it, so it never covers the page focus has moved to.
    drawer.addEventListener("focusout", function (event) {
      var next = event.relatedTarget;
      if (drawerToggle.checked && next && !drawer.contains(next) && next !== menuButton) {
        setToggle(drawerToggle, false);
      }
    });

    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && drawerToggle.checked) {
        setToggle(drawerToggle, false);
        menuButton.focus();
      }
    });

    // Opening a section slides its panel over the list; focus moves to the panel's title so it
    // is not left on a link that has slid out of view. Tab then reaches the panel's links.
    drawer.addEventListener("change", function (event) {
      var toggle = event.target;
      if (!toggle.classList || !toggle.classList.contains("md-nav__toggle") || !toggle.checked) {
        return;
      }
      var panel = toggle.parentElement.querySelector(".md-nav");
      var title = panel && panel.querySelector(".md-nav__title");
      if (title && window.matchMedia("(max-width: 76.234375em)").matches) {
        title.setAttribute("tabindex", "-1");
        window.setTimeout(function () { title.focus(); }, SLIDE_MS);
      }
    });
    // Material leaves the current page's entry (which opens its contents panel) unfocusable.
    Array.prototype.forEach.call(
      drawer.querySelectorAll("label.md-nav__link[for]:not([tabindex])"),
      function (label) { label.setAttribute("tabindex", "0"); }
    );

    // Enter on a panel's title goes back (Material handles the key, as for any nav label);
    // focus returns to the entry that opened the panel.
    drawer.addEventListener("keydown", function (event) {
      var title = event.target;
      if (event.key !== "Enter" || !title.classList ||
          !title.classList.contains("md-nav__title") || !title.htmlFor) {
        return;
      }
      var toggle = document.getElementById(title.htmlFor);
      var opener = drawer.querySelector("label.md-nav__link[for='" + title.htmlFor + "']");
      window.setTimeout(function () {
        if (opener && toggle && !toggle.checked) {
          opener.focus();
        }
      }, SLIDE_MS);
    });
    sync();
  }

  if (searchButton && searchToggle) {
    searchButton.addEventListener("click", function () {
      setToggle(searchToggle, true);
      var input = document.querySelector(".md-search__input");
      window.setTimeout(function () {
        if (input) {
          input.focus();
        }
      }, 0);
    });
    // Closing search (Escape) leaves focus nowhere; put it back on the button that opened it.
    searchToggle.addEventListener("change", function () {
      window.setTimeout(function () {
        if (!searchToggle.checked && shown(searchButton) &&
            (document.activeElement === document.body || document.activeElement === null)) {
          searchButton.focus();
        }
      }, 0);
    });
  }
})();
