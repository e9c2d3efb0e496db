@area:voucher
Feature: Gift vouchers are redeemed (api/voucher) and bought (api/voucher/add)
  Two routes with similar names do opposite things: `api/voucher` redeems a gift voucher the store issued, whose balance
  then pays part of the cart; `api/voucher/add` buys a gift voucher, which becomes an item of the session's cart.
  See the operations `voucher` and `voucherAdd` in openapi.yaml, and their pages in the living documentation (`npm
  run docs`: reports/docs/routes/<operation>.html).

  @route:voucher
  Rule: a code that names no usable gift voucher is refused, and leaves the cart as it was
    `(empty code)` sends an empty `voucher`, `(no field)` no `voucher` field at all.

    @route:cart/products @id:voucher-refused @must
    Scenario Outline: <case> is refused and the cart totals stay as they were
      Given I am logged in
      And my cart holds 1 of the "simple" product
      And I note the cart
      When I apply the "<voucher>" gift voucher
      Then the answer is the "VoucherInvalid" variant
      And the cart totals are the same as before the discount

      Examples:
        | case                  | voucher      |
        | an unknown code       | unknown      |
        | an empty code         | (empty code) |
        | a request without one | (no field)   |

      Examples: gift vouchers that cannot pay
        | case                                      | voucher             |
        | a gift voucher with no balance left       | spent               |
        | a gift voucher of an order not in the store | of an unknown order |

    @id:voucher-refused-message @should
    Scenario Outline: the refusal of <case> says so in the store's language
      Given I am logged in
      When I apply the "<voucher>" gift voucher
      Then the error is the "voucherInvalid" message

      Examples:
        | case                  | voucher    |
        | an unknown code       | unknown    |
        | a request without one | (no field) |

  Rule: a gift voucher pays its balance, at most what is left to pay, after the taxes

    @route:cart/products @route:voucher @id:voucher-redeemed @must
    Scenario: a gift voucher takes its balance off the total and leaves the taxes as they were
      Given I am logged in
      And my cart holds 1 of the "simple" product
      And I note the cart
      When I apply the "valid" gift voucher
      Then the answer is a success
      And the cart totals show the discount of the "valid" gift voucher

    @route:cart/products @route:voucher @id:voucher-redeemed-partly-spent @must
    Scenario: a gift voucher orders have partly spent pays only its remaining balance
      Given I am logged in
      And my cart holds 1 of the "simple" product
      And I note the cart
      When I apply the "partly spent" gift voucher
      Then the answer is a success
      And the cart totals show the discount of the "partly spent" gift voucher

    @route:cart/products @route:voucher @id:voucher-redeemed-capped @must
    Scenario: a gift voucher worth more than the cart pays only the total, which becomes 0
      Given I am logged in
      And I buy a gift voucher of 25 for "Bob", within the store's limits and worth less than the "valid" gift voucher
      And I note the cart
      When I apply the "valid" gift voucher
      Then the answer is a success
      And the cart totals show the discount of the "valid" gift voucher

    @route:voucher @id:voucher-redeemed-message @should
    Scenario: the success says the gift voucher was applied
      Given I am logged in
      And my cart holds 1 of the "simple" product
      When I apply the "valid" gift voucher
      Then the answer is a success saying the "voucherSuccess" message

    @route:cart/products @route:voucher @id:voucher-removed @must
    Scenario Outline: <case> after a valid gift voucher takes it off again
      Given I am logged in
      And my cart holds 1 of the "simple" product
      And I note the cart
      And the "valid" gift voucher is applied
      When I apply the "<voucher>" gift voucher
      Then the answer is the "VoucherInvalid" variant
      And the cart totals are the same as before the discount

      Examples:
        | case            | voucher      |
        | an empty code   | (empty code) |
        | an unknown code | unknown      |

    @route:cart/add @route:cart/products @id:voucher-dropped-when-nothing-to-pay @must
    Scenario: a gift voucher applied to an empty cart pays nothing and is dropped from the session
      Given I am logged in
      And the "valid" gift voucher is applied
      And the cart totals show no "gift voucher" line
      When my cart holds 1 of the "simple" product
      Then the cart totals show no "gift voucher" line

  Rule: a bought gift voucher is an item of the cart, and counts in its Sub-Total
    A gift voucher is bought of an amount the store's limits allow (config_voucher_min and config_voucher_max, which
    the fixture check learns from the store's refusal of an amount outside them): the amount a step names where they
    allow it, else the nearest limit. The store compares the amount as posted, in the session's currency, with its
    limits. The batch form (`voucher[i][...]`) is not held to them.

    @route:cart/products @route:voucher/add @id:voucher-bought @must
    Scenario: a bought gift voucher shows in the cart with its code, description, amount and price
      Given I am logged in
      And my cart holds 1 of the "simple" product
      And I note the cart
      When I buy a gift voucher of 25 for "Bob", within the store's limits
      Then the answer is a success
      And the cart holds the gift voucher bought for "Bob"
      And the cart sub-total and total grew by the amount of the gift voucher bought

    @route:cart/products @route:voucher/add @id:voucher-bought-other-currency @must
    Scenario: an amount posted in another currency is kept in the store currency
      Given I am logged in
      And the session currency is the "other" currency
      When I buy a gift voucher of 25 for "Bob", within the store's limits
      Then the answer is a success
      And the cart holds the gift voucher bought for "Bob" in the "other" currency

    @route:cart/products @route:voucher/add @id:voucher-bought-forgets-shipping @must
    Scenario: buying a gift voucher forgets the chosen shipping method
      Given I am logged in
      And my cart holds 1 of the "simple" product
      And the "uk" shipping address is set
      And the shipping methods are listed
      And the "flat" shipping method is chosen
      And the cart totals show the "flat" shipping line
      When I buy a gift voucher of 25 for "Bob", within the store's limits
      Then the answer is a success
      And the cart totals show no "flat" shipping line

    @route:cart/products @route:voucher/add @id:voucher-batch-replaces @must
    Scenario: the batch form replaces the cart's gift vouchers, skipping an incomplete entry and a plain value
      Given I am logged in
      And I buy a gift voucher of 25 for "Bob", within the store's limits
      When I send a batch of gift vouchers: 40 for "Carol" with code "BATCH1", one without a message and one that is a plain value
      Then the answer is a success
      And the cart's gift vouchers are exactly the one of 40 for "Carol" with code "BATCH1"

    @route:voucher/add @id:voucher-bought-message @should
    Scenario: the success says the cart was modified
      Given I am logged in
      When I buy a gift voucher of 25 for "Bob", within the store's limits
      Then the answer is a success saying the "cartSuccess" message

    @route:cart/products @route:cart/remove @id:voucher-bought-removed @must
    Scenario: a bought gift voucher leaves the cart through api/cart/remove with its code
      Given I am logged in
      And my cart holds 1 of the "simple" product
      And I note the cart
      And I buy a gift voucher of 25 for "Bob", within the store's limits
      And the cart holds the gift voucher bought for "Bob"
      When I remove the bought gift voucher from the cart
      Then the answer is a success
      And the cart holds no gift vouchers

    @route:voucher/add @id:voucher-bought-bounds @must
    Scenario Outline: the <bound> amount itself is accepted
      Given I am logged in
      When I buy a gift voucher with "amount" set to "<amount>"
      Then the answer is a success

      Examples:
        | bound   | amount                      |
        | minimum | {{vouchers.minimum_amount}} |
        | maximum | {{vouchers.maximum_amount}} |

    @route:voucher/add @id:voucher-bought-field-bounds @must
    Scenario Outline: a <field> of <value> is accepted
      Given I am logged in
      When I buy a gift voucher with "<field>" set to "<value>"
      Then the answer is a success

      Examples:
        | field      | value                          |
        | from_name  | (1 character)                  |
        | from_name  | (64 characters)                |
        | to_name    | (1 character)                  |
        | to_name    | (64 characters)                |
        | from_email | (an address of 96 characters)  |
        | to_email   | (an address of 96 characters)  |

  @route:voucher/add
  Rule: every field that fails its check is reported under its own name
    Each example changes one field of an otherwise valid purchase. `(65 characters)` stands for a name that long.
    `voucher_theme_id` and `message` are not checked.

    @id:voucher-bought-field-refused @must
    Scenario Outline: <case> is refused under "<key>"
      Given I am logged in
      When I buy a gift voucher with "<field>" set to "<value>"
      Then the error keys are "<key>"

      Examples:
        | case                          | field      | value                             | key        |
        | an empty sender's name        | from_name  |                                   | from_name  |
        | a sender's name too long      | from_name  | (65 characters)                   | from_name  |
        | a sender's address not valid  | from_email | not-an-email                      | from_email |
        | an empty recipient's name     | to_name    |                                   | to_name    |
        | a recipient's name too long   | to_name    | (65 characters)                   | to_name    |
        | a recipient's address cut off | to_email   | bob@                              | to_email   |
        | a sender's address too long   | from_email | (an address of 97 characters)     | from_email |
        | a recipient's address too long | to_email  | (an address of 97 characters)     | to_email   |
        | an amount below the minimum   | amount     | {{vouchers.amount_below_minimum}} | amount     |
        | an amount above the maximum   | amount     | {{vouchers.amount_above_maximum}} | amount     |
        | an amount that is no number   | amount     | abc                               | amount     |

    @id:voucher-bought-empty-body @must
    Scenario: an empty request is refused under all five checked fields
      Given I am logged in
      When I call "api/voucher/add"
      Then the error keys are "from_name, from_email, to_name, to_email, amount"

    @route:cart/products @id:voucher-bought-refused-adds-nothing @must
    Scenario: a refused purchase adds nothing to the cart
      Given I am logged in
      When I buy a gift voucher with "amount" set to "abc"
      Then the error keys are "amount"
      And the cart holds no gift vouchers

    @id:voucher-bought-field-message @should
    Scenario Outline: the error about <case> says so in the store's language
      Given I am logged in
      When I buy a gift voucher with "<field>" set to "<value>"
      Then the error "<field>" is the "<message>" message

      Examples:
        | case                         | field      | value        | message         |
        | an empty sender's name       | from_name  |              | voucherFromName |
        | a sender's address not valid | from_email | not-an-email | email           |
        | an empty recipient's name    | to_name    |              | voucherToName   |
        | a recipient's address        | to_email   | bob@         | email           |

    @id:voucher-bought-amount-message @should
    Scenario: the error about the amount gives the bounds in the store's currency
      Given I am logged in
      When I buy a gift voucher with "amount" set to "{{vouchers.amount_above_maximum}}"
      Then the error "amount" gives the gift voucher amount bounds in the "default" currency

    @id:voucher-bought-amount-message-currency @should
    Scenario: the error about the amount gives the bounds in the session's currency
      Given I am logged in
      And the session currency is the "other" currency
      When I buy a gift voucher with "amount" set to "{{vouchers.amount_below_minimum}}"
      Then the error "amount" gives the gift voucher amount bounds in the "other" currency
