// `npm run consumer:lock`: regenerates test/consumer/shop/package-lock.json against a freshly packed nuxt-antom
// (see lockConsumerShop for why the tarball's integrity is left out). Run it after changing the shop's
// package.json or the module's dependencies; test/consumer.test.ts fails when the lockfile is stale.
import { lockConsumerShop } from '../helpers/consumer'

const target = await lockConsumerShop()
console.info(`Wrote ${target}`)
