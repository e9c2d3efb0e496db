#!/usr/bin/env node
// `npm run store`: the reference store on its own, from the compiled build while it is up to date (see build.js).
require('./build').requireProject('store/main');
