@area:currency @route:currency
Feature: The session currency (api/currency)
  `api/currency` sets the currency in which a session is shown its amounts. Amounts are kept in the store's default
  currency; the session currency only changes how they are shown (`$1,000.00`, `96.66€`): at its rate, with its
  symbols and decimal places and the store's decimal point and thousands separator (`1.234,56 €`, `¥1,235`), as the
  fixture check learns them.
  See the operation `currency` in openapi.yaml and its page in the living documentation (`npm run docs`:
  reports/docs/routes/currency.html).

  Rule: a code of one of the store's currencies changes how the cart shows every amount

    @route:cart/products @id:currency-converts-cart @must
    Scenario Outline: the "<currency>" currency shows every amount of the cart at its rate, with its symbol
      Given I am logged in
      And my cart holds 2 of the "simple" product
      And my cart holds 10 of the "not shippable" product
      And I note the cart
      When I choose the "<currency>" currency
      Then the answer is the "Success" variant
      And the cart shows the noted amounts in the "<currency>" currency

      Examples:
        | currency |
        | other    |
        | third    |

    @route:cart/products @id:currency-back-to-default @must
    Scenario: choosing the default currency again shows the amounts as before
      Given I am logged in
      And my cart holds 2 of the "simple" product
      And I note the cart
      And the session currency is the "other" currency
      When I choose the "default" currency
      Then the answer is the "Success" variant
      And the cart shows the noted amounts in the "default" currency

    @id:currency-success-message @should
    Scenario: a change of currency says so in the store's language
      Given I am logged in
      When I choose the "other" currency
      Then the answer is a success saying the "currencySuccess" message

  Rule: a code the store does not have is refused, and the currency stays as it was
    `(empty code)` sends an empty `currency`, `(no field)` no `currency` field at all.

    @route:cart/products @id:currency-refused @must
    Scenario Outline: <case> is refused and the cart keeps its currency
      Given I am logged in
      And my cart holds 2 of the "simple" product
      And I note the cart
      And the session currency is the "other" currency
      When I choose the "<currency>" currency
      Then the answer is the "CurrencyInvalid" variant
      And the cart shows the noted amounts in the "other" currency

      Examples:
        | case                  | currency     |
        | an unknown code       | unknown      |
        | an empty code         | (empty code) |
        | a request without one | (no field)   |

    @id:currency-query-string-ignored @must
    Scenario: a code in the query string is not read
      Given I am logged in
      When I choose the "other" currency in the query string
      Then the answer is the "CurrencyInvalid" variant

    @id:currency-refused-message @should
    Scenario Outline: the refusal of <case> says so in the store's language
      Given I am logged in
      When I choose the "<currency>" currency
      Then the error is the "currencyInvalid" message

      Examples:
        | case                  | currency   |
        | an unknown code       | unknown    |
        | a request without one | (no field) |

  Rule: a currency the store has disabled is accepted, and from 3.0.3.7 the store then falls back to its default
    api/currency accepts every code the store has, enabled or not. From 3.0.3.7 the startup of the next request keeps
    a session currency only when it is enabled, and shows the default currency instead; before 3.0.3.7 it shows the
    disabled one (its rate and sample then needed). The fixtures name the disabled currency as `"enabled": false`; a
    store without one has nothing to judge here.

    @route:cart/products @id:currency-disabled-accepted @must
    Scenario: a disabled currency is accepted, and the cart then shows the amounts as the store's release does
      Given I am logged in
      And my cart holds 2 of the "simple" product
      And I note the cart
      When I choose the currency the store has disabled
      Then the answer is the "Success" variant
      And the cart shows the noted amounts as the store's release does after a disabled currency

  Rule: a code in lower case is accepted, but the store then falls back to its default currency
    The store finds the currency without regard to case and keeps the code as it was sent. At the start of the next
    request it looks the session's code up exactly among its currency codes, does not find it, and shows amounts in
    its default currency (a client that keeps the store's `currency` cookie gets the cookie's currency; right after
    login that is the default too). OpenCart 3.0.5.0 answers `usd` with success; the fall-back is its startup code's,
    documented in openapi.yaml.

    @id:currency-lower-case-accepted @must
    Scenario: a code in lower case is answered with success
      Given I am logged in
      When I choose the "other" currency in lower case
      Then the answer is the "Success" variant

    @route:cart/products @id:currency-lower-case-falls-back @must
    Scenario: after a code in lower case the cart shows the default currency
      Given I am logged in
      And my cart holds 2 of the "simple" product
      And I note the cart
      When I choose the "other" currency in lower case
      Then the cart shows the noted amounts in the "default" currency

  Rule: a change of currency drops the shipping method chosen

    @route:cart/products @id:currency-drops-shipping-method @must
    Scenario: after a change of currency the totals no longer carry the shipping chosen before
      Given I am logged in
      And my cart holds 1 of the "simple" product
      And the "uk" shipping address is set
      And the "flat" shipping method is chosen
      And the cart totals show the "flat" shipping line
      When I choose the "other" currency
      Then the cart totals show no "flat" shipping line

  Rule: each session has its own currency

    @route:cart/products @id:currency-per-session @must
    Scenario: another session's change of currency leaves mine alone
      Given I am logged in
      And another session is logged in
      And my cart holds 2 of the "simple" product
      And I note the cart
      When the other session chooses the "other" currency
      Then the cart shows the noted amounts in the "default" currency
