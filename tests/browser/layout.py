"""What a person sees of the page's layout: reflow at narrow widths, and visible keyboard focus.

Reflow (WCAG 1.4.10) is checked at 320 CSS pixels, what a 1280-pixel window shows at 400%
zoom; resize text (1.4.4) at 640 CSS pixels, what it shows at 200% zoom; text spacing
(1.4.12) on a laptop. Each time, the page itself must not scroll sideways and no visible
element may stick out of the viewport or be clipped by its container. Tables are allowed to
scroll inside their wrapper.
"""

from __future__ import annotations

from playwright.sync_api import Page

PHONE = {"width": 320, "height": 640}
ZOOM_200 = {"width": 640, "height": 400}
DESKTOP = {"width": 1280, "height": 800}

# Runs in the page: returns the problems a person would notice, described so a developer
# can find the element.
_OVERFLOW_JS = """
() => {
  const width = document.documentElement.clientWidth;
  const describe = (el) => {
    const id = el.id ? '#' + el.id : '';
    const cls = el.classList.length ? '.' + [...el.classList].join('.') : '';
    const text = (el.innerText || el.value || '').trim().replace(/\\s+/g, ' ').slice(0, 60);
    return `<${el.tagName.toLowerCase()}${id}${cls}> "${text}"`;
  };
  const problems = [];
  const pageWidth = document.documentElement.scrollWidth;
  if (pageWidth > width) {
    problems.push(`the page scrolls sideways: ${pageWidth}px of content in ${width}px`);
  }
  for (const el of document.body.querySelectorAll('*')) {
    if (el.parentElement && el.parentElement.closest('.assure-table-wrapper')) continue;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    const box = el.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue;  // visually hidden, for screen readers
    if (box.right > width + 1 || box.left < -1) {
      problems.push(`${describe(el)} sticks out of the ${width}px viewport ` +
                    `(${Math.round(box.left)} to ${Math.round(box.right)})`);
    }
    if (['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName)) continue;
    const clipsX = ['hidden', 'clip'].includes(style.overflowX);
    const clipsY = ['hidden', 'clip'].includes(style.overflowY);
    if ((clipsX && el.scrollWidth > el.clientWidth + 1) ||
        (clipsY && el.scrollHeight > el.clientHeight + 1)) {
      problems.push(`${describe(el)} cuts off its content`);
    }
  }
  return problems.slice(0, 12);
}
"""

# A focus indicator must be drawn, and the focused element's text must still be readable
# against what is behind it (WCAG contrast: 4.5:1, or 3:1 for large text).
_FOCUS_JS = """
(el) => {
  const colour = (css) => {
    const [r, g, b, a = 1] = (css.match(/[\\d.]+/g) || []).map(Number);
    return {r, g, b, a};
  };
  const luminance = ({r, g, b}) => {
    const linear = (v) => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  };
  const behind = (node) => {
    for (; node && node.nodeType === 1; node = node.parentElement) {
      const found = getComputedStyle(node).backgroundColor;
      if (colour(found).a > 0.5) return found;
    }
    return 'rgb(255, 255, 255)';
  };
  const drawn = (style) => ({
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 &&
             colour(style.outlineColor).a > 0,
    shadow: style.boxShadow !== 'none'});
  let style = getComputedStyle(el);
  let {outline, shadow} = drawn(style);
  let unreadable = '';
  if (style.opacity === '0' && el.labels && el.labels.length) {
    // GOV.UK radios and checkboxes hide the input and draw its focus on the label's ::before
    style = getComputedStyle(el.labels[0], '::before');
    ({outline, shadow} = drawn(style));
  } else if ((el.innerText || '').trim()) {
    const background = behind(el);
    const [light, dark] = [luminance(colour(style.color)), luminance(colour(background))]
      .sort((a, b) => b - a);
    const ratio = (light + 0.05) / (dark + 0.05);
    const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight) >= 700;
    const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    if (ratio < needed) unreadable = `${style.color} on ${background}: ${ratio.toFixed(2)}:1`;
  }
  return {outline, shadow, visible: (outline || shadow) && !unreadable, unreadable,
          style: `outline: ${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}; ` +
                 `box-shadow: ${style.boxShadow}; background: ${style.backgroundColor}`};
}
"""


def overflow(page: Page, size: dict[str, int]) -> list[str]:
    """Lay the page out at `size` and say what a person would find sticking out or cut off."""
    page.set_viewport_size(size)
    return page.evaluate(_OVERFLOW_JS)


# WCAG 1.4.12's text spacing, set through the CSSOM (the site's CSP forbids inline styles).
_TEXT_SPACING_JS = """
() => {
  for (const el of document.body.querySelectorAll('*')) {
    el.style.setProperty('line-height', '1.5', 'important');
    el.style.setProperty('letter-spacing', '0.12em', 'important');
    el.style.setProperty('word-spacing', '0.16em', 'important');
    if (el.tagName === 'P') el.style.setProperty('margin-bottom', '2em', 'important');
  }
}
"""


def text_spacing(page: Page, size: dict[str, int]) -> list[str]:
    """Space the text out as a reader's own style sheet may (WCAG 1.4.12): what is lost?
    The spacing stays until the page is loaded again."""
    page.evaluate(_TEXT_SPACING_JS)
    return overflow(page, size)


def focus_style(page: Page) -> dict:
    """How the focused element shows its focus (an outline or a box shadow, or nothing), and
    whether its text can still be read."""
    return page.evaluate_handle("document.activeElement").evaluate(_FOCUS_JS)


# One element of each kind the keyboard can reach (tag, classes and the parent's classes)
# not met on an earlier page, marked so Python can focus each in turn.
_FOCUSABLE_KINDS_JS = """
(seen) => {
  const focusable = 'a[href], button, input:not([type=hidden]), select, textarea, summary, ' +
                    '[tabindex]:not([tabindex="-1"])';
  const kinds = new Set(seen);
  const found = [];
  for (const el of document.querySelectorAll(focusable)) {
    // not laid out, disabled, or inside a closed <details>: the keyboard cannot reach it
    if (!el.getClientRects().length || el.disabled || !el.checkVisibility()) continue;
    const parent = el.parentElement;
    const kind = `${el.tagName}.${el.className}<${parent.tagName}.${parent.className}`;
    if (kinds.has(kind)) continue;
    kinds.add(kind);
    el.dataset.focusProbe = found.length;
    found.push(kind);
  }
  return found;
}
"""


def focus_problems(page: Page, seen: set[str]) -> list[str]:
    """Focus one control of each kind not in `seen` (which grows): say which show no focus
    a person can see."""
    problems = []
    kinds = page.evaluate(_FOCUSABLE_KINDS_JS, sorted(seen))
    seen.update(kinds)
    for number in range(len(kinds)):
        control = page.locator(f"[data-focus-probe='{number}']")
        control.focus()
        style = focus_style(page)
        if not style["visible"]:
            html = control.evaluate("el => el.outerHTML.slice(0, 120)")
            problems.append(f"focus cannot be seen on {html}: {style}")
    page.evaluate("document.activeElement && document.activeElement.blur()")
    return problems
