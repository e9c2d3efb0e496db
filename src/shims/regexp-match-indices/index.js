'use strict';
// exec(regexp, string): RegExp.prototype.exec with `indices` on the match, as regexp-match-indices exports it, done by
// the engine (the `d` flag, Node >= 16) instead of a JavaScript re-implementation of regular expressions.
const withIndices = new WeakMap();

function exec(regexp, string) {
  let re = regexp.hasIndices ? regexp : withIndices.get(regexp);
  if (!re) withIndices.set(regexp, (re = new RegExp(regexp.source, `${regexp.flags}d`)));
  re.lastIndex = regexp.lastIndex;
  const match = re.exec(string);
  regexp.lastIndex = re.lastIndex;
  return match;
}

exec.native = true;
module.exports = exec;
