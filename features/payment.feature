@area:payment
Feature: The payment address and the payment method (api/payment/address, api/payment/methods, api/payment/method)
  The billing side of the checkout: `api/payment/address` takes the payment address, `api/payment/methods` lists the
  payment methods that accept the session's cart and total, and `api/payment/method` chooses one of them. Addresses and
  methods are named by role in the target's fixtures (`addresses`, `payment_methods`). In the tables, `<33 × a>` is 33
  "a"s, `<3 × space>` three spaces, `<empty>` nothing.
  See the operations `paymentAddress`, `paymentMethods` and `paymentMethod` in openapi.yaml, and their pages in the
  living documentation (`npm run docs`: reports/docs/routes/<operation>.html).

  @route:payment/address
  Rule: a valid payment address is accepted, in any country, with or without a cart

    @id:payment-address-valid @must
    Scenario Outline: the "<address>" address is accepted
      Given I am logged in
      When I send the "<address>" address to "api/payment/address"
      Then the answer is a success

      Examples:
        | address | why                                     |
        | uk      | a country that requires a postcode      |
        | us      | a country without postcodes, none given |
        | germany | another country with postcodes          |

    @id:payment-address-message @should
    Scenario: a payment address that is set says so
      Given I am logged in
      When I send the "uk" address to "api/payment/address"
      Then the answer is a success saying the "paymentAddressSuccess" message

    @id:payment-address-unknown-ids @must
    Scenario Outline: a country and zone that do not exist are accepted (<case>)
      Given I am logged in
      When I send the "unknown ids" address to "api/payment/address" with postcode "<postcode>"
      Then the answer is a success

      Examples:
        | case                                                 | postcode |
        | with a postcode                                      | LA1 1AA  |
        | without one: an unknown country requires no postcode | <empty>  |

  @route:payment/address
  Rule: each field is checked, and each failure has its own key

    @id:payment-address-field-refused @must
    Scenario Outline: a <field> of "<value>" is refused under the key <key>
      Given I am logged in
      When I send the "<address>" address to "api/payment/address" with <field> "<value>"
      Then the answer is the "AddressInvalid" variant
      And the error keys are "<key>"

      Examples: names of 1 to 32 characters, trimmed
        | address | field     | value       | key       |
        | uk      | firstname | <empty>     | firstname |
        | uk      | firstname | <3 × space> | firstname |
        | uk      | firstname | <33 × a>    | firstname |
        | uk      | lastname  | <empty>     | lastname  |
        | uk      | lastname  | <33 × a>    | lastname  |

      Examples: the first address line of 3 to 128 characters, trimmed
        | address | field     | value              | key       |
        | uk      | address_1 | <2 × a>            | address_1 |
        | uk      | address_1 | <2 × a><2 × space> | address_1 |
        | uk      | address_1 | <129 × a>          | address_1 |

      Examples: a city of 2 to 32 characters on the payment address
        | address | field | value    | key  |
        | uk      | city  | <empty>  | city |
        | uk      | city  | <1 × a>  | city |
        | uk      | city  | <33 × a> | city |

      Examples: a postcode of 2 to 10 characters where the country requires one
        | address | field    | value    | key      |
        | uk      | postcode | <empty>  | postcode |
        | uk      | postcode | <1 × A>  | postcode |
        | uk      | postcode | <11 × A> | postcode |
        | germany | postcode | <empty>  | postcode |

      Examples: a country and a zone must be given
        | address | field      | value   | key     |
        | uk      | country_id | <empty> | country |
        | us      | country_id | <empty> | country |
        | uk      | zone_id    | <empty> | zone    |

    @id:payment-address-field-accepted @must
    Scenario Outline: a <field> of "<value>" is accepted on the "<address>" address
      Given I am logged in
      When I send the "<address>" address to "api/payment/address" with <field> "<value>"
      Then the answer is a success

      Examples: the bounds of each length
        | address | field     | value     |
        | uk      | firstname | <1 × a>   |
        | uk      | firstname | <32 × a>  |
        | uk      | lastname  | <32 × é>  |
        | uk      | address_1 | <3 × a>   |
        | uk      | address_1 | <128 × a> |
        | uk      | city      | <2 × a>   |
        | uk      | city      | <32 × a>  |
        | uk      | postcode  | <2 × A>   |
        | uk      | postcode  | <10 × A>  |

      Examples: no postcode where the country requires none, and any postcode there
        | address | field    | value    |
        | us      | postcode | <empty>  |
        | us      | postcode | <1 × 1>  |
        | us      | postcode | <11 × 1> |

    @id:payment-address-field-message @should
    Scenario Outline: the <key> error says what the field must be
      Given I am logged in
      When I send the "uk" address to "api/payment/address" with <field> "<value>"
      Then the error "<key>" is the "<message>" message

      Examples: the city message says 3 to 128 although the payment city must be 2 to 32
        | field      | value    | key       | message   |
        | firstname  | <empty>  | firstname | firstname |
        | lastname   | <33 × a> | lastname  | lastname  |
        | address_1  | <2 × a>  | address_1 | address1  |
        | city       | <33 × a> | city      | city      |
        | postcode   | <empty>  | postcode  | postcode  |
        | country_id | <empty>  | country   | country   |
        | zone_id    | <empty>  | zone      | zone      |

  @route:payment/address
  Rule: every failing check adds its key, so a request with several faults names them all

    The postcode is only checked against a country that exists, so a request without a country never has a postcode
    error.

    @id:payment-address-error-combination @must
    Scenario Outline: sending only <fields> of the "<address>" address is refused under <keys>
      Given I am logged in
      When I send only the "<fields>" of the "<address>" address to "api/payment/address"
      Then the error keys are "<keys>"

      Examples:
        | fields                               | address | keys                                                 |
        | nothing                              | uk      | firstname, lastname, address_1, city, country, zone  |
        | firstname                            | us      | lastname, address_1, city, country, zone             |
        | country_id                           | uk      | firstname, lastname, address_1, city, postcode, zone |
        | country_id, zone_id                  | uk      | firstname, lastname, address_1, city, postcode       |
        | country_id, zone_id                  | us      | firstname, lastname, address_1, city                 |
        | firstname, lastname, address_1, city | uk      | country, zone                                        |

    @route:payment/methods @id:payment-address-refused-clears @must
    Scenario: a refused payment address forgets the one set before
      Given I am logged in
      And my cart holds 1 of the "simple" product
      And the "uk" payment address is set
      When I send only the "firstname" of the "us" address to "api/payment/address"
      Then the error keys are "lastname, address_1, city, country, zone"
      When I call "api/payment/methods"
      Then the answer is the "PaymentAddressRequired" variant

  @route:payment/methods
  Rule: the payment methods are listed for the payment address, the cart and its total

    Free checkout is offered for a total of zero where the store has it enabled (Extensions > Payments > Free Checkout,
    `payment_free_checkout_status`, as installed); cash on delivery for a cart to ship from its minimum total
    (`payment_cod_total`: 0.01 as installed, so never for a total of zero; 0 means none). A scenario of a total of zero
    expects what the store's settings offer for it, and no method where they offer none; a scenario that needs a
    method is not applicable on a store that does not offer it.

    @id:payment-methods-need-address @must
    Scenario: without a payment address no method is listed
      Given I am logged in
      And my cart holds 1 of the "simple" product
      When I call "api/payment/methods"
      Then the answer is the "PaymentAddressRequired" variant

    @id:payment-methods-need-address-message @should
    Scenario: without a payment address the refusal says so in the store's language
      Given I am logged in
      And my cart holds 1 of the "simple" product
      When I call "api/payment/methods"
      Then the error is the "paymentAddressRequired" message

    @id:payment-methods-cod @must
    Scenario: a cart to ship with a total above zero is offered cash on delivery
      Given I am logged in
      And my cart holds 1 of the "simple" product
      And the "uk" payment address is set
      When I call "api/payment/methods"
      Then the answer is the "PaymentMethods" variant
      And the payment methods offered are "cod"

    @id:payment-methods-not-shippable @must
    Scenario: a cart with nothing to ship is offered no method (cash on delivery needs a shipment)
      Given I am logged in
      And my cart holds 1 of the "not shippable" product
      And the "us" payment address is set
      When I call "api/payment/methods"
      Then the answer is the "NoPaymentOptions" variant
      And no payment method is offered

    @id:payment-methods-not-shippable-message @should
    Scenario: a cart with nothing to ship is told so in the store's language
      Given I am logged in
      And my cart holds 1 of the "not shippable" product
      And the "us" payment address is set
      When I call "api/payment/methods"
      Then no payment method is offered, with the "paymentNone" message

    @id:payment-methods-free-empty-cart @must
    Scenario: an empty cart, whose total is zero, is offered free checkout only, or no method where the store does not offer it
      Given I am logged in
      And the "uk" payment address is set
      When I call "api/payment/methods"
      Then the payment methods offered for a total of zero are "free" where the store offers it

    @id:payment-methods-free-zero-total @must
    Scenario: a cart to ship whose total a gift voucher brings to zero is offered free checkout where the store offers it, and cash on delivery only where it has no minimum total
      Given I am logged in
      And my cart holds the zero-total cart of the "free" payment method
      And the "uk" payment address is set
      When I call "api/payment/methods"
      Then the payment methods offered for a total of zero are "free" where the store offers it, and "cod" where it has no minimum total

  @route:payment/method
  Rule: a payment method is chosen from the methods listed for the current address and cart

    @id:payment-method-chosen @must
    Scenario Outline: the listed "<method>" method is chosen
      Given the store offers the "<method>" payment method
      And I am logged in
      And <cart>
      And the "uk" payment address is set
      And the payment methods are listed
      When I choose the "<method>" payment method
      Then the answer is a success

      Examples:
        | method | cart                                    |
        | cod    | my cart holds 1 of the "simple" product |
        | free   | nothing is in my cart yet               |

    @id:payment-method-message @should
    Scenario: a chosen payment method says so
      Given I am logged in
      And my cart holds 1 of the "simple" product
      And the "uk" payment address is set
      And the payment methods are listed
      When I choose the "cod" payment method
      Then the answer is a success saying the "paymentMethodSuccess" message

    @id:payment-method-not-listed @must
    Scenario Outline: choosing a method <case> is refused because none are listed
      Given I am logged in
      And my cart holds 1 of the "simple" product
      And <session>
      When I choose the "cod" payment method
      Then the error is the "paymentNone" message

      Examples:
        | case                                  | session                         |
        | before any address                    | the "guest" customer is set     |
        | after the address, before the listing | the "uk" payment address is set |

    @id:payment-method-unknown @must
    Scenario Outline: choosing <case> is refused as a missing method
      Given I am logged in
      And my cart holds 1 of the "simple" product
      And the "uk" payment address is set
      And the payment methods are listed
      When I choose the "<method>" payment method
      Then the error is the "paymentMethodRequired" message

      Examples:
        | case                           | method     |
        | a code the store does not have | unknown    |
        | a method not listed here       | free       |
        | an empty code                  | (empty)    |
        | without the field              | (no field) |

    @id:payment-method-new-address-unlists @must
    Scenario: a new payment address drops the methods listed, which must be listed again
      Given I am logged in
      And my cart holds 1 of the "simple" product
      And the "uk" payment address is set
      And the "cod" payment method is chosen
      And the "us" payment address is set
      When I choose the "cod" payment method
      Then the error is the "paymentNone" message

    @route:cart/add @id:payment-method-cart-change-unlists @must
    Scenario: a change to the cart drops the payment methods listed
      Given I am logged in
      And my cart holds 1 of the "simple" product
      And the "uk" payment address is set
      And the payment methods are listed
      When the cart changes by adding the "with points" product
      And I choose the "cod" payment method
      Then the error is the "paymentNone" message
