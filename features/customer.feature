@area:customer
Feature: The customer of the order (api/customer)
  `api/customer` names who the order is for: a guest or a registered customer, with a name, an e-mail address and a
  telephone number. Customers are named by role in the target's fixtures (`customers`). In the tables, `<33 × a>` is
  33 "a"s, `<3 × space>` three spaces, `<empty>` nothing.
  See the operation `customer` in openapi.yaml and its page in the living documentation (`npm run docs`:
  reports/docs/routes/customer.html).

  @route:customer
  Rule: a guest or a registered customer is accepted, an unknown customer is not

    @id:customer-guest @must
    Scenario: a valid guest is accepted
      Given I am logged in
      When I set the "guest" customer
      Then the answer is a success

    @id:customer-success-message @should
    Scenario: the success message has no "Success:" prefix
      Given I am logged in
      When I set the "guest" customer
      Then the answer is a success saying the "customerSuccess" message

    @id:customer-registered @must
    Scenario: a registered customer is accepted by id
      Given I am logged in
      When I set the "registered with points" customer
      Then the answer is a success

    @id:customer-unknown-id @must
    Scenario Outline: <case> is refused under the key warning alone
      Given I am logged in
      When I set the "<customer>" customer
      Then the answer is the "CustomerInvalid" variant
      And the error keys are "warning"

      Examples:
        | case                            | customer |
        | a customer id that names no one | unknown  |
        | a customer who may not log in   | disabled |

    @id:customer-unknown-id-message @should
    Scenario: an unknown customer id says a customer must be selected
      Given I am logged in
      When I set the "unknown" customer
      Then the error "warning" is the "customerUnknown" message

    # The session is priced for its customer group: the "with a required select" product has a special price for the
    # store's default group only (as provisioned), so its line shows that price only where the session is in that group.
    @route:cart/products @id:customer-group-fallback @should
    Scenario: a customer group the store does not offer falls back to the default group
      Given I am logged in
      And my cart holds 1 of the "with a required select" product with every option
      When I set the "in a group the store does not offer" customer
      Then the answer is a success
      When I call "api/cart/products"
      Then the cart holds 1 of the "with a required select" product at the price of the store's default customer group

  @route:customer
  Rule: each field is checked for its length or form, and each failure has its own key

    @id:customer-field-refused @must
    Scenario Outline: a <field> of "<value>" is refused under the key <key>
      Given I am logged in
      When I set the "guest" customer with <field> "<value>"
      Then the answer is the "CustomerInvalid" variant
      And the error keys are "<key>"

      Examples: names of 1 to 32 characters, trimmed
        | field     | value       | key       |
        | firstname | <empty>     | firstname |
        | firstname | <3 × space> | firstname |
        | firstname | <33 × a>    | firstname |
        | firstname | <33 × é>    | firstname |
        | lastname  | <empty>     | lastname  |
        | lastname  | <3 × space> | lastname  |
        | lastname  | <33 × a>    | lastname  |

      Examples: an e-mail address of at most 96 characters, in a valid form
        | field | value                 | key   |
        | email | <empty>               | email |
        | email | jane@@example         | email |
        | email | jane.example.com      | email |
        | email | jane@                 | email |
        | email | <64 × a>@<28 × b>.com | email |

      Examples: a telephone of 3 to 32 characters
        | field     | value    | key       |
        | telephone | <empty>  | telephone |
        | telephone | 12       | telephone |
        | telephone | <33 × 1> | telephone |

    @id:customer-field-accepted @must
    Scenario Outline: a <field> of "<value>" is accepted
      Given I am logged in
      When I set the "guest" customer with <field> "<value>"
      Then the answer is a success

      Examples: the bounds of each length, in characters (é is two bytes)
        | field     | value                 |
        | firstname | <1 × a>               |
        | firstname | <32 × a>              |
        | firstname | <32 × é>              |
        | lastname  | <1 × a>               |
        | lastname  | <32 × a>              |
        | email     | <64 × a>@<27 × b>.com |
        | telephone | <3 × 1>               |
        | telephone | <32 × 1>              |

    @id:customer-field-message @should
    Scenario Outline: the <key> error says what the field must be
      Given I am logged in
      When I set the "guest" customer with <field> "<value>"
      Then the error "<key>" is the "<message>" message

      Examples:
        | field     | value         | key       | message   |
        | firstname | <33 × a>      | firstname | firstname |
        | lastname  | <empty>       | lastname  | lastname  |
        | email     | jane@@example | email     | email     |
        | telephone | 12            | telephone | telephone |

  @route:customer
  Rule: from release 3.0.5.0 the store trims every value it is sent; before, only the length checks of the names do

    @id:customer-value-trimmed-by-release @must
    Scenario: an e-mail address with spaces before it is accepted from release 3.0.5.0 and refused under email before
      Given I am logged in
      When I set the "guest" customer with email "<3 × space>jane@invotide.example"
      Then the e-mail address is taken as the store's release promises

  @route:customer
  Rule: every failing check adds its key, so a request with several faults names them all

    @id:customer-error-combination @must
    Scenario Outline: sending only <fields> of the "<customer>" customer is refused under <keys>
      Given I am logged in
      When I set only the "<fields>" of the "<customer>" customer
      Then the error keys are "<keys>"

      Examples:
        | fields                     | customer | keys                                           |
        | nothing                    | guest    | firstname, lastname, email, telephone          |
        | customer_id                | unknown  | warning, firstname, lastname, email, telephone |
        | customer_id, firstname     | unknown  | warning, lastname, email, telephone            |
        | firstname, lastname, email | guest    | telephone                                      |

    @id:customer-empty-body-messages @should
    Scenario: an empty body gives the message of each of the four fields
      Given I am logged in
      When I call "api/customer"
      Then the error "firstname" is the "firstname" message
      And the error "lastname" is the "lastname" message
      And the error "email" is the "email" message
      And the error "telephone" is the "telephone" message

  Rule: a registered customer brings their store credit, and the order keeps what the checkout sent
    Logging a registered customer in (a non-zero `customer_id`) makes the cart theirs: their store credit (the sum of
    their transactions) is taken off the Total, as a line of its own, up to the Total. `api/order/add` then keeps the
    customer's id and the `custom_field[<id>]` values sent with the customer and with each address — verbatim, even
    for fields the store does not define — and the addresses as sent, with empty country and zone names (and address
    format) for ids the store does not have.

    @route:cart/products @id:customer-store-credit @must
    Scenario: a registered customer's store credit is taken off the cart's Total
      Given I am logged in
      And the "registered with store credit" customer is set
      And my cart holds 1 of the "simple" product
      When I call "api/cart/products"
      Then the cart totals show the store credit of the "registered with store credit" customer

    @route:order/add @route:order/info @id:customer-kept-in-order @must @writes
    Scenario: the order keeps the registered customer, the custom field values and the addresses as sent
      Given I am logged in
      And the "registered with points" customer is set with the custom field "1" set to "blue"
      And my cart holds 1 of the "simple" product
      And the "unknown ids, with a second line" payment and shipping addresses are set with the custom field "1" set to "blue"
      And the "flat" shipping method is chosen
      And the "cod" payment method is chosen
      When I place the order
      And I look the order up with GET
      Then the order keeps the "registered with points" customer
      And the order keeps the custom field "1" set to "blue" for the customer and both addresses
      And the order's payment address is the "unknown ids, with a second line" address
      And the order's shipping address is the "unknown ids, with a second line" address
      And the order's addresses have the address format of the "unknown ids, with a second line" address
