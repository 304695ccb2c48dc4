/**
 * Sends the buyer to `url` after a payment, for payment UIs that cannot redirect by themselves (the simulated
 * cashier): a URL of this site through the router (`navigate(path, false)`), another origin as a page load.
 */
export async function followRedirect(url: string, navigate: (url: string, external: boolean) => unknown): Promise<void> {
  const target = new URL(url, window.location.href)
  const local = target.origin === window.location.origin
  await navigate(local ? target.pathname + target.search + target.hash : target.href, !local)
}
