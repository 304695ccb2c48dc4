import { defineEventHandler } from 'h3'
import { devtoolsConfig } from '../config'

// GET /__nuxt-antom/api/config (nuxt dev only): mode, URLs, key fingerprints and the start-up checks.
export default defineEventHandler(event => devtoolsConfig(event))
