@area:login @route:login
Feature: Login and the session token
  A client starts every conversation with `api/login`, sending the API user's name and key as form fields. The
  `api_token` it answers is what every other route takes in the query string; it is bound to the API user's IP
  allow-list, checked on every request, not to the address that logged in.
  See the operation `login` in openapi.yaml and its page in the living documentation (`npm run docs`:
  reports/docs/routes/login.html).

  Rule: the configured API user logs in and the token opens a session

    @route:cart/products @id:login-success @must
    Scenario: the configured user and key start a session
      When I log in with the configured user and key
      Then I receive an api_token
      And the token opens a session

    @id:login-key-only @must
    Scenario: the key alone logs in as the user named Default (from release 3.0.3.0; before, it is refused with [])
      When I log in with only the key
      Then the key alone is answered as the store's release promises

    @id:login-success-message @should
    Scenario: a successful login says so
      When I log in with the configured user and key
      Then the answer is a success saying the "loginSuccess" message

    @route:cart/products @id:login-two-tokens @must
    Scenario: two logins give two independent tokens that both work
      Given I am logged in
      And another session is logged in
      When I call "api/cart/products"
      Then the answer is the "CartContents" variant
      When the other session calls "api/cart/products"
      Then the answer is the "CartContents" variant
      And the two sessions hold different tokens

  Rule: a failed login answers an empty JSON list, with no message

    @id:login-wrong-key @must
    Scenario: a wrong key is refused
      When I log in with a wrong key
      Then the answer is an empty list

    @id:login-unknown-user @must
    Scenario: an unknown user name is refused even with a valid key
      When I log in as an unknown user with the right key
      Then the answer is an empty list

    @id:login-disabled-user @must @disabled-user
    Scenario: a disabled API user is refused, even with its key
      When I log in as the disabled user
      Then the answer is an empty list

    @id:login-empty-body @must
    Scenario: an empty body is refused
      When I log in with an empty body
      Then the answer is an empty list

    @id:login-json-body @must
    Scenario: credentials in a JSON body are not read
      When I log in with the credentials in a JSON body
      Then the answer is an empty list

    @id:login-query-string @must
    Scenario: credentials in the query string are not read
      When I log in with the credentials in the query string
      Then the answer is an empty list

  Rule: a login from an address that is not on the user's allow-list is refused with both messages

    @id:login-restricted-user @must @restricted-user
    Scenario: a user whose allow-list excludes this machine is refused
      When I log in as the restricted user
      Then the login is refused for this machine's address

    @id:login-alternate-address @must @alternate-address
    Scenario: the configured user logging in from another local address is refused
      When I log in from the alternate source address
      Then the login is refused for this machine's address

    @id:login-x-forwarded-for @must @alternate-address
    Scenario: an X-Forwarded-For header claiming an allowed address changes nothing
      When I log in from the alternate source address claiming an allowed one in X-Forwarded-For
      Then the login is refused for this machine's address
