@area:security @security
Feature: What an attacker can do with a store's API
  These scenarios are security audits, not conformance: each tries what an attacker would, says what a safe store
  answers and why it matters. They are reported apart from conformance and fail the gate only with
  `--fail-on security`. A stock OpenCart 3.0.5.0 fails some of them: those failures are findings about the store, for
  its operator to weigh, not departures from the API.

  Rule: hostile input reveals nothing of the store's insides

    @every-route @id:security-no-error-leak @must
    Scenario: hostile values in every field of every route
      An attacker sends every route SQL-looking, oversized and malformed values (the generated requests of the
      negative suite, every family, a few of each) to learn how the store is built. A safe store answers without its
      database's error text, a stack trace or a path of its files, whatever else it answers. Else each answer is a map
      for the next attack.
      Given I am logged in
      When I send generated hostile values in every field of every route
      Then no answer shows SQL error text, a stack trace or a file path

  @route:cart/products
  Rule: the IP allow-list guards every way a token can be presented

    The allow-list of an API user is checked against the `api_token` in the query string. OpenCart also opens the
    session named by the `OCSESSID` cookie on every route, API routes included, and an API token is a session id.

    @id:security-cookie-token-disallowed-address @must @alternate-address
    Scenario: the token as the OCSESSID cookie, from an address not on the allow-list
      An attacker who learned a token (from a log, a proxy, a browser) sends it as the `OCSESSID` cookie, without
      `api_token`, from an address the API user's allow-list does not hold. A safe store answers its permission error,
      as it does for the token in the query from there. Else the allow-list guards nothing: a token works from anywhere.
      Given I am logged in
      When a stranger calls "api/cart/products" from the alternate source address with my token in the OCSESSID cookie
      Then the store refuses it

    @id:security-cookie-token-allowed-address @may
    Scenario: the token as the OCSESSID cookie, from an allowed address
      A client sends its token as the `OCSESSID` cookie instead of `api_token`. A safe store answers its permission
      error: the token has one way in, the one the allow-list checks. Informational: from an allowed address this
      gives nothing new, but it is a second way in that the operator may not know about.
      Given I am logged in
      When a stranger calls "api/cart/products" with my token in the OCSESSID cookie
      Then the store refuses it

    @id:security-token-other-user-allow-list @must @alternate-address @store-admin
    Scenario: the token of an API user allowed elsewhere, used from an address another API user is allowed from
      An attacker holds the token of an API user whose allow-list holds only another address, and uses it from an
      address allowed for a different API user. A safe store checks the allow-list of the token's own user and answers
      its permission error. Else one user's allow-list opens every user's tokens.
      Given an API user of my own, allowed only from the alternate source address, is logged in from there
      When a stranger calls "api/cart/products" with that user's token in the query string
      Then the store refuses it

    @id:security-token-outside-query @must
    Scenario Outline: the token in <place> instead of the query string
      A client sends its token where many APIs take one, not where this one does. A safe store reads the token from the
      query string only, where the allow-list is checked, and answers its permission error. Else the token has a way
      in that no check was written for.
      Given I am logged in
      When a stranger calls "api/cart/products" with my token in <place>
      Then the store refuses it

      Examples:
        | place                   |
        | the body                |
        | an Authorization header |
        | an X-Api-Token header   |

  @route:cart/products @store-admin
  Rule: a token dies with its API user's access

    An operator who disables an API user, or changes its key because it leaked, means to shut out whoever holds it.
    Doing so needs the store's admin, which only the embedded reference store lets the suite act as; elsewhere these
    scenarios do not apply.

    @id:security-token-after-user-disabled @must
    Scenario: a token after its API user is disabled
      An attacker keeps using a token after the operator disabled its API user. A safe store answers its permission
      error, with the token in the query and as the `OCSESSID` cookie alike. Else disabling a user shuts out no one
      who already holds a token.
      Given an API user of my own is logged in
      When the store's admin disables that API user
      And a stranger calls "api/cart/products" with that user's token in the query string
      And a stranger calls "api/cart/products" with that user's token in the OCSESSID cookie
      Then the store refuses them all

    @id:security-token-after-key-changed @must
    Scenario: a token after its API user's key is changed
      An attacker who stole a key logged in with it, and keeps using the token after the operator changed the key. A
      safe store ends the sessions of a user whose key changed, and answers its permission error. Else changing a
      leaked key does not shut out whoever used it.
      Given an API user of my own is logged in
      When the store's admin changes that API user's key
      And a stranger calls "api/cart/products" with that user's token in the query string
      And a stranger calls "api/cart/products" with that user's token in the OCSESSID cookie
      Then the store refuses them all

  @route:login
  Rule: logging in keeps the key out of URLs and the session out of the client's hands

    @id:security-login-key-in-query @must
    Scenario: the key in the query string of api/login
      A client sends the user name and key in the URL of `api/login` rather than in the form body. A safe store does not
      read them there and starts no session (it answers the empty list). Else clients are taught to put keys in URLs,
      and URLs land in access logs, proxy logs and browser histories.
      When I log in with the user name and key in the query string of a POST
      Then no session was started

    @route:cart/products @id:security-session-fixation @must
    Scenario: an OCSESSID chosen by the client before api/login
      An attacker makes a victim's client log in with an `OCSESSID` the attacker chose, then uses that id. A safe store
      starts the API session under a new id of its own, and the chosen id opens nothing. Else the attacker knows the
      victim's token before the victim does.
      When I log in with a session id I chose in the OCSESSID cookie
      Then the api_token I received is not the session id I chose
      When a stranger calls "api/cart/products" with the session id I chose in the query string
      And a stranger calls "api/cart/products" with the session id I chose in the OCSESSID cookie
      Then the store refuses them all

    @id:security-login-storm @may @login-storm
    Scenario: a short storm of wrong keys
      An attacker tries key after key. A safe store slows the answers to a run of wrong keys from one address, or stops
      them, while the right key still logs in. Informational, and sent only when asked for
      (INVOTIDE_SECURITY_LOGIN_STORM=true), so that a run never looks like an attack on someone's store: a right login,
      then twenty wrong keys in a row.
      When I log in with the right key once, then with wrong keys in a row
      Then the store slowed or stopped the wrong keys
