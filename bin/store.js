#!/usr/bin/env node
// `npm run store`: the reference store on its own, from the compiled build while it is up to date (see build.js).
// The parent is read before anything loads: the store stops when it goes (see store/main.ts).
const parent = process.ppid;
require('./build').requireProject('store/main').main(process.argv.slice(2), parent);
