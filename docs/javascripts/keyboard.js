// Keyboard and screen-reader fixes for parts of the Material theme: its one-key shortcuts, the
// current page in the navigation, the menu and search buttons, the light/dark switch, and Tab
// and Esc in search. Small, no library, nothing loaded from another site. Without JavaScript
// the theme's own labels still work with a mouse or a tap.
(() => {
  "use strict"

  // Material's one-key shortcuts (WCAG 2.1.4 Character Key Shortcuts): n or . went to the next
  // page, p or , to the previous one, and s, f or / opened search, with no modifier key and even
  // while a link had focus, so a stray key press or a speech-input user's word changed the page.
  // They are stopped here, before Material's own listener (on window, after this one) sees them:
  // in a text field they still type, and while search is open they still type into it.
  const shortcuts = new Set(["n", ".", "p", ",", "s", "f", "/"])
  window.addEventListener("keydown", (event) => {
    if (!shortcuts.has(event.key) || event.ctrlKey || event.metaKey) return  // Material acts on neither
    if (document.getElementById("__search")?.checked) return
    if (event.target.closest?.("input, textarea, select, [contenteditable]")) return
    event.stopImmediatePropagation()
  }, true)

  // The current page in the navigation (WCAG 1.3.1, 1.4.1): Material shows it by colour alone;
  // a screen reader is told too (extra.css makes it bold and underlined). The page's own table
  // of contents, whose links Material marks active as one scrolls, is left out.
  for (const link of document.querySelectorAll(".md-nav--primary a.md-nav__link--active")) {
    if (!link.closest(".md-nav--secondary")) link.setAttribute("aria-current", "page")
  }

  // The menu and search buttons (WCAG 2.1.1 Keyboard, 4.1.2 Name, Role, Value). Material draws
  // them as <label for="__drawer"> and <label for="__search">: a label cannot take focus, so on
  // a phone a keyboard user could never open the menu. Each becomes a real button, named, that
  // says whether what it opens is open.
  const toggles = {
    __drawer: {name: "Menu", opens: ".md-sidebar--primary"},
    __search: {name: "Search", opens: ".md-search"},
  }
  for (const [id, {name}] of Object.entries(toggles)) {
    const label = document.querySelector(`label.md-header__button[for="${id}"]`)
    const toggle = document.getElementById(id)
    if (!label || !toggle) continue
    const button = document.createElement("button")
    button.type = "button"
    button.className = label.className
    button.dataset.toggle = id
    button.setAttribute("aria-label", name)
    button.setAttribute("aria-expanded", String(toggle.checked))
    button.append(...label.childNodes)
    for (const icon of button.querySelectorAll("svg")) icon.setAttribute("aria-hidden", "true")
    label.replaceWith(button)
    button.addEventListener("click", () => toggle.click())
    toggle.addEventListener("change", () => button.setAttribute("aria-expanded", String(toggle.checked)))
  }

  // The menu drawer on a phone (WCAG 2.4.3 Focus Order): opened from its button, focus moves to
  // its first link; Esc closes it and puts focus back on the button, as does moving focus out
  // of it. (While closed, extra.css hides it, so its links are not in the way: WCAG 2.4.7.)
  const drawer = document.getElementById("__drawer")
  const menu = document.querySelector('button[data-toggle="__drawer"]')
  const sidebar = document.querySelector(".md-sidebar--primary")
  if (drawer && menu && sidebar) {
    menu.addEventListener("click", () => {
      if (!drawer.checked) return
      const first = sidebar.querySelector("a[href]")
      if (first) setTimeout(() => first.focus(), 0)  // once extra.css has made it visible
    })
    const close = (returnFocus) => {
      if (!drawer.checked) return
      drawer.click()
      if (returnFocus) menu.focus()
    }
    sidebar.addEventListener("keydown", (event) => {
      if (event.key === "Escape") close(true)
    })
    sidebar.addEventListener("focusout", (event) => {
      if (event.relatedTarget && !sidebar.contains(event.relatedTarget)) close(false)
    })
  }

  // The light/dark switch (WCAG 4.1.2 Name, Role, Value). Material draws it as two radio
  // buttons, each named after the other scheme ("Switch to dark mode" selects light), which a
  // screen reader reads as "not checked" and Space does not change. The radios stay, for
  // Material's own script, but out of reach; the icon shown becomes a button whose name says
  // what pressing it does.
  const palette = document.querySelector('form[data-md-component="palette"]')
  if (palette) {
    for (const radio of palette.querySelectorAll("input.md-option")) {
      radio.tabIndex = -1
      radio.setAttribute("aria-hidden", "true")
      radio.removeAttribute("aria-label")
    }
    for (const label of palette.querySelectorAll("label[for]")) {
      const target = document.getElementById(label.htmlFor)
      const button = document.createElement("button")
      button.type = "button"
      button.className = label.className + " palette-switch"
      button.hidden = label.hidden  // Material shows the one for the scheme in use
      button.setAttribute("aria-label", label.title)
      button.title = label.title
      button.append(...label.childNodes)
      for (const icon of button.querySelectorAll("svg")) icon.setAttribute("aria-hidden", "true")
      label.replaceWith(button)
      button.addEventListener("click", () => {
        target.click()  // Material switches the scheme and shows the other button
        const shown = palette.querySelector("button.palette-switch:not([hidden])")
        if (shown) shown.focus()
      })
      // Material's own Enter handler (on the form) would switch a second time.
      button.addEventListener("keydown", (event) => {
        if (event.key === "Enter") event.stopPropagation()
      })
    }
  }

  // Search on a phone (WCAG 2.4.3 Focus Order): opened from its button, focus goes to the
  // search box. Leaving search with Esc: Material closes search and drops focus to the top of
  // the page; put it back where the visitor was before searching.
  const search = document.getElementById("__search")
  const dialog = document.querySelector(".md-search")
  const searchButton = document.querySelector('button[data-toggle="__search"]')
  let before = null
  if (search && dialog && searchButton) {
    searchButton.addEventListener("click", () => {
      const field = dialog.querySelector("input[data-md-component='search-query']")
      if (search.checked && field) setTimeout(() => field.focus(), 0)
    })
  }
  // Tab in search on a phone or tablet (WCAG 2.4.3, 2.4.7): Material closed search and the
  // browser moved focus on into the page, often to a link far off the screen. While search is
  // open from its button, Tab and Shift+Tab go round its box and its results instead; Esc
  // leaves it, back to the button. (On a desktop, where tabbing into the box opens search, Tab
  // leaves it, as before.)
  if (search && dialog && searchButton) {
    window.addEventListener("keydown", (event) => {
      if (!["Tab", "Shift"].includes(event.key) || event.altKey || event.ctrlKey || event.metaKey
          || !search.checked || !searchButton.checkVisibility()) return
      // Material's listener would close search at Tab, and send focus to the box at Shift
      event.stopImmediatePropagation()
      if (event.key === "Shift") return
      event.preventDefault()
      // The box and each result shown (Material's arrow keys' stops: it takes them out of Tab's way)
      const stops = [...dialog.querySelectorAll("input, a[href]")]
        .filter((stop) => stop.checkVisibility({visibilityProperty: true}))
      if (!stops.length) return
      const at = stops.indexOf(document.activeElement)
      const next = event.shiftKey ? (at <= 0 ? stops.length - 1 : at - 1) : (at + 1) % stops.length
      stops[next].focus()
    }, true)
  }
  if (search && dialog) {
    document.addEventListener("focusin", (event) => {
      if (dialog.contains(event.target) && event.relatedTarget && !dialog.contains(event.relatedTarget))
        before = event.relatedTarget
    })
    document.addEventListener("keydown", (event) => {
      if (event.key !== "Escape" || !search.checked) return
      const back = before
      setTimeout(() => {  // after Material has closed search
        if (back && back.isConnected) back.focus()
      }, 0)
    }, true)
  }
})()
