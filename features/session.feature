@area:login
Feature: Routes refuse a request without a valid token
  Every route but `api/login` needs the `api_token` of a live session in the query string; without one it answers its
  permission error.
  See the operation `login` in openapi.yaml and its page in the living documentation (`npm run docs`:
  reports/docs/routes/login.html).

  Rule: without a usable token the permission error comes in the route's own shape

    @route:cart/products @id:token-missing-object-shape @must
    Scenario: no token at all, on a route with the object shape
      When I call "api/cart/products" without a token
      Then the answer is the "PermissionDeniedObject" variant

    @route:currency @id:token-missing-string-shape @must
    Scenario: no token at all, on a route with the string shape
      When I call "api/currency" without a token
      Then the answer is the "PermissionDeniedString" variant

    @route:cart/products @id:token-invalid @must
    Scenario: a token that was never issued
      When I call "api/cart/products" with an invalid token
      Then the answer is the "PermissionDeniedObject" variant

    @route:currency @id:token-empty @must
    Scenario: an empty token
      When I call "api/currency" with an empty token
      Then the answer is the "PermissionDeniedString" variant

    @route:cart/products @id:token-in-body @must
    Scenario: a valid token sent in the body instead of the query string
      Given I am logged in
      When I call "api/cart/products" with the token in the body instead of the query
      Then the answer is the "PermissionDeniedObject" variant

    @route:cart/products @id:token-from-disallowed-address @must @alternate-address
    Scenario: a valid token used from an address not on the user's allow-list
      Given I am logged in
      When I call "api/cart/products" from the alternate source address
      Then the answer is the "PermissionDeniedObject" variant

    @route:currency @id:token-permission-message @should
    Scenario: the permission error says so in the store's language
      When I call "api/currency" without a token
      Then the error is the "permission" message

  Rule: every protected route refuses a call without login

    @every-route @id:token-every-route @must
    Scenario Outline: <route> without login answers its permission error
      When I call "<route>" without a token
      Then the answer is the "<variant>" variant

      Examples: string shape
        | route                | variant                |
        | api/currency         | PermissionDeniedString |
        | api/cart/edit        | PermissionDeniedString |
        | api/cart/remove      | PermissionDeniedString |
        | api/coupon           | PermissionDeniedString |
        | api/voucher          | PermissionDeniedString |
        | api/reward           | PermissionDeniedString |
        | api/reward/maximum   | PermissionDeniedString |
        | api/reward/available | PermissionDeniedString |
        | api/shipping/methods | PermissionDeniedString |
        | api/shipping/method  | PermissionDeniedString |
        | api/payment/methods  | PermissionDeniedString |
        | api/payment/method   | PermissionDeniedString |
        | api/order/add        | PermissionDeniedString |
        | api/order/edit       | PermissionDeniedString |
        | api/order/delete     | PermissionDeniedString |
        | api/order/info       | PermissionDeniedString |
        | api/order/history    | PermissionDeniedString |

      Examples: object shape
        | route               | variant                |
        | api/cart/add        | PermissionDeniedObject |
        | api/cart/products   | PermissionDeniedObject |
        | api/voucher/add     | PermissionDeniedObject |
        | api/customer        | PermissionDeniedObject |
        | api/payment/address | PermissionDeniedObject |

  @route:cart/products @embedded-only
  Rule: a token lives an hour after its last use, and its session data 24 minutes after the last request
    The store has no logout. A token is refused once an hour has passed since it was last used (the hour slides with
    every use), and also once its session data has expired (session.gc_maxlifetime, 1440 s), although the token
    itself is still alive. These scenarios age their own token's data, which only the embedded reference store allows;
    against another store they are skipped with that reason.

    @id:token-expired @must
    Scenario: a token unused for more than an hour is refused
      Given I am logged in
      When my token was last used 61 minutes ago
      And I call "api/cart/products"
      Then the answer is the "PermissionDeniedObject" variant

    @id:token-sliding-expiry @must
    Scenario: a token used within the hour stays alive
      Given I am logged in
      When my token was last used 59 minutes ago
      And I call "api/cart/products"
      And my token ages by 2 more minutes
      And I call "api/cart/products"
      Then the answer is the "CartContents" variant

    @id:token-session-data-expired @must
    Scenario: a live token whose session data expired is refused (from release 3.0.3.7; before, session data never expire)
      Given I am logged in
      When my session data expired a minute ago
      And I call "api/cart/products"
      Then the token is answered as the store's release promises for expired session data

  Rule: an answer belongs to one session, so no answer lets a cache keep it; from release 3.0.4.0 each says so

    @route:cart/products @id:answers-not-cached @should
    Scenario: an answer is never marked cacheable, and from 3.0.4.0 carries an Expires date in the past and Cache-Control no-store
      Given I am logged in
      When I call "api/cart/products"
      Then the answer tells caches not to keep it

  Rule: repeated wrong keys are answered the same way every time

    @route:login @id:login-brute-force @must
    Scenario: twenty wrong keys in a row, then the right one
      When I log in with a wrong key 20 times
      Then every one of those logins was refused with an empty list
      When I log in with the configured user and key
      Then I receive an api_token
