export default defineEventHandler(() => CATALOGUE)
