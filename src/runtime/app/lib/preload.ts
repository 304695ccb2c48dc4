/** When to download the SDK before the cashier is needed. */
export type AntomPreloadStrategy = 'none' | 'visible' | 'idle' | 'interaction'

/**
 * Calls `load` once, when `strategy` says: the element scrolls into view, the browser is idle, or
 * the pointer/focus reaches the element. Returns a function that cancels the pending trigger.
 * (Nuxt Scripts' `useScriptTriggerElement` does the same, but this module does not depend on @nuxt/scripts.)
 */
export function schedulePreload(element: Element, strategy: AntomPreloadStrategy, load: () => void): () => void {
  if (strategy === 'visible' && typeof IntersectionObserver !== 'undefined') {
    const observer = new IntersectionObserver((entries) => {
      if (entries.some(entry => entry.isIntersecting)) {
        observer.disconnect()
        load()
      }
    })
    observer.observe(element)
    return () => observer.disconnect()
  }
  if (strategy === 'idle' || strategy === 'visible') {
    // Through `window`: a bare requestIdleCallback is auto-imported from Nuxt's polyfill, an import from the entry
    // chunk that every page would pay for.
    if (typeof window.requestIdleCallback === 'function') {
      const handle = window.requestIdleCallback(() => load(), { timeout: 5_000 })
      return () => window.cancelIdleCallback(handle)
    }
    const timer = setTimeout(load, 1)
    return () => clearTimeout(timer)
  }
  if (strategy === 'interaction') {
    const events = ['pointerenter', 'focusin', 'touchstart'] as const
    const trigger = () => {
      cancel()
      load()
    }
    const cancel = () => events.forEach(name => element.removeEventListener(name, trigger))
    events.forEach(name => element.addEventListener(name, trigger, { passive: true }))
    return cancel
  }
  return () => {}
}
