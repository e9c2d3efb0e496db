@area:shipping
Feature: The shipping address and the shipping method (api/shipping/address, api/shipping/methods, api/shipping/method)
  The shipping side of the checkout, for a cart that holds something to ship: `api/shipping/address` takes the
  shipping address, `api/shipping/methods` quotes the shipping methods for it, and `api/shipping/method` chooses a
  quote. Addresses and methods are named by role in the target's fixtures (`addresses`, `shipping_methods`). In the
  tables, `<33 × a>` is 33 "a"s, `<3 × space>` three spaces, `<empty>` nothing.
  See the operations `shippingAddress`, `shippingMethods` and `shippingMethod` in openapi.yaml, and their pages in
  the living documentation (`npm run docs`: reports/docs/routes/<operation>.html).

  @route:shipping/address
  Rule: a cart to ship takes a valid shipping address, in any country

    @id:shipping-address-valid @must
    Scenario Outline: the "<address>" address is accepted
      Given I am logged in
      And my cart holds 1 of the "simple" product
      When I send the "<address>" address to "api/shipping/address"
      Then the answer is a success

      Examples:
        | address | why                                     |
        | uk      | a country that requires a postcode      |
        | us      | a country without postcodes, none given |
        | germany | another country with postcodes          |

    @id:shipping-address-message @should
    Scenario: a shipping address that is set says so
      Given I am logged in
      And my cart holds 1 of the "simple" product
      When I send the "uk" address to "api/shipping/address"
      Then the answer is a success saying the "shippingAddressSuccess" message

    @id:shipping-address-unknown-ids @must
    Scenario Outline: a country and zone that do not exist are accepted (<case>)
      Given I am logged in
      And my cart holds 1 of the "simple" product
      When I send the "unknown ids" address to "api/shipping/address" with postcode "<postcode>"
      Then the answer is a success

      Examples:
        | case                                                 | postcode |
        | with a postcode                                      | LA1 1AA  |
        | without one: an unknown country requires no postcode | <empty>  |

  @route:shipping/address
  Rule: each field is checked, and each failure has its own key

    @id:shipping-address-field-refused @must
    Scenario Outline: a <field> of "<value>" is refused under the key <key>
      Given I am logged in
      And my cart holds 1 of the "simple" product
      When I send the "<address>" address to "api/shipping/address" with <field> "<value>"
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

      Examples: a city of 2 to 128 characters on the shipping address
        | address | field | value     | key  |
        | uk      | city  | <empty>   | city |
        | uk      | city  | <1 × a>   | city |
        | uk      | city  | <129 × a> | city |

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

    @id:shipping-address-field-accepted @must
    Scenario Outline: a <field> of "<value>" is accepted on the "<address>" address
      Given I am logged in
      And my cart holds 1 of the "simple" product
      And the store's release takes a shipping <field> of "<value>"
      When I send the "<address>" address to "api/shipping/address" with <field> "<value>"
      Then the answer is a success

      Examples: the bounds of each length; a shipping city may be longer than a payment city (from 3.0.3.9)
        | address | field     | value     |
        | uk      | firstname | <1 × a>   |
        | uk      | firstname | <32 × a>  |
        | uk      | lastname  | <32 × é>  |
        | uk      | address_1 | <3 × a>   |
        | uk      | address_1 | <128 × a> |
        | uk      | city      | <2 × a>   |
        | uk      | city      | <33 × a>  |
        | uk      | city      | <128 × a> |
        | uk      | postcode  | <2 × A>   |
        | uk      | postcode  | <10 × A>  |

      Examples: no postcode where the country requires none, and any postcode there
        | address | field    | value    |
        | us      | postcode | <empty>  |
        | us      | postcode | <11 × 1> |


    @id:shipping-address-city-by-release @must
    Scenario: a shipping city of 33 characters is accepted from release 3.0.3.9 and refused under city before
      Given I am logged in
      And my cart holds 1 of the "simple" product
      When I send the "uk" address to "api/shipping/address" with city "<33 × a>"
      Then a shipping city of "<33 × a>" is taken as the store's release promises
    @id:shipping-address-field-message @should
    Scenario Outline: the <key> error says what the field must be
      Given I am logged in
      And my cart holds 1 of the "simple" product
      When I send the "uk" address to "api/shipping/address" with <field> "<value>"
      Then the error "<key>" is the "<message>" message

      Examples: the city message says 3 to 128 although a shipping city of 2 is accepted
        | field      | value     | key       | message   |
        | firstname  | <33 × a>  | firstname | firstname |
        | lastname   | <empty>   | lastname  | lastname  |
        | address_1  | <129 × a> | address_1 | address1  |
        | city       | <1 × a>   | city      | city      |
        | postcode   | <11 × A>  | postcode  | postcode  |
        | country_id | <empty>   | country   | country   |
        | zone_id    | <empty>   | zone      | zone      |

  @route:shipping/address
  Rule: every failing check adds its key, so a request with several faults names them all

    The postcode is only checked against a country that exists, so a request without a country never has a postcode
    error.

    @id:shipping-address-error-combination @must
    Scenario Outline: sending only <fields> of the "<address>" address is refused under <keys>
      Given I am logged in
      And my cart holds 1 of the "simple" product
      When I send only the "<fields>" of the "<address>" address to "api/shipping/address"
      Then the error keys are "<keys>"

      Examples:
        | fields                               | address | keys                                                 |
        | nothing                              | uk      | firstname, lastname, address_1, city, country, zone  |
        | country_id                           | uk      | firstname, lastname, address_1, city, postcode, zone |
        | country_id, zone_id                  | us      | firstname, lastname, address_1, city                 |
        | firstname, lastname, address_1, city | uk      | country, zone                                        |

    @route:shipping/methods @id:shipping-address-refused-clears @must
    Scenario: a refused shipping address forgets the one set before
      Given I am logged in
      And my cart holds 1 of the "simple" product
      And the "uk" shipping address is set
      When I send the "us" address to "api/shipping/address" with zone_id "<empty>"
      Then the error keys are "zone"
      When I call "api/shipping/methods"
      Then the answer is the "ShippingAddressRequired" variant

  @route:shipping/methods
  Rule: the shipping methods are quoted for the shipping address, with its taxes
    The quote text is the cost with the address's taxes, or the cost alone where the store shows prices without tax
    (System > Settings > Option > Display Prices With Tax off, `config_tax`).

    @id:shipping-methods-need-address @must
    Scenario: without a shipping address no method is quoted
      Given I am logged in
      And my cart holds 1 of the "simple" product
      When I call "api/shipping/methods"
      Then the answer is the "ShippingAddressRequired" variant

    @id:shipping-methods-need-address-message @should
    Scenario: without a shipping address the refusal says so in the store's language
      Given I am logged in
      And my cart holds 1 of the "simple" product
      When I call "api/shipping/methods"
      Then the error is the "shippingAddressRequired" message

    @id:shipping-methods-flat @must
    Scenario: a shipping address is quoted the flat rate
      Given I am logged in
      And my cart holds 1 of the "simple" product
      And the "uk" shipping address is set
      When I call "api/shipping/methods"
      Then the answer is the "ShippingMethods" variant
      And the shipping methods offer the "flat" quote

    @id:shipping-methods-quote-tax @must
    Scenario Outline: the flat rate's text at the "<address>" address is its cost with that address's taxes, or its cost alone where the store shows prices without tax
      Given I am logged in
      And my cart holds 1 of the "simple" product
      And the "<address>" shipping address is set
      When I call "api/shipping/methods"
      Then the "flat" quote is priced for the "<address>" address

      Examples:
        | address     | taxes                                        |
        | uk          | VAT and eco tax, in the store's tax zone     |
        | us          | none                                         |
        | germany     | none                                         |
        | unknown ids | none: a country that does not exist has none |

    @id:shipping-methods-quote-follows-address @must
    Scenario: a new shipping address is quoted with its own taxes
      Given I am logged in
      And my cart holds 1 of the "simple" product
      And the "uk" shipping address is set
      And the shipping methods are listed
      And the "us" shipping address is set
      When I call "api/shipping/methods"
      Then the "flat" quote is priced for the "us" address

  @route:shipping/method
  Rule: a shipping method is chosen from the quotes listed for the current address and cart

    @route:cart/products @id:shipping-method-chosen @must
    Scenario: the listed flat rate is chosen
      Given I am logged in
      And my cart holds 1 of the "simple" product
      And the "uk" shipping address is set
      And the shipping methods are listed
      When I choose the "flat" shipping method
      Then the answer is a success
      And the cart totals show the "flat" shipping line, unless the store has the Shipping total disabled

    @id:shipping-method-message @should
    Scenario: a chosen shipping method says so
      Given I am logged in
      And my cart holds 1 of the "simple" product
      And the "uk" shipping address is set
      And the shipping methods are listed
      When I choose the "flat" shipping method
      Then the answer is a success saying the "shippingMethodSuccess" message

    @id:shipping-method-not-listed @must
    Scenario Outline: choosing a method <case> is refused because none are listed
      Given I am logged in
      And my cart holds 1 of the "simple" product
      And <session>
      When I choose the "flat" shipping method
      Then the error is the "shippingNone" message

      Examples:
        | case                                  | session                          |
        | before any address                    | the "guest" customer is set      |
        | after the address, before the listing | the "uk" shipping address is set |

    @id:shipping-method-unknown @must
    Scenario Outline: choosing <case> is refused as a missing method
      Given I am logged in
      And my cart holds 1 of the "simple" product
      And the "uk" shipping address is set
      And the shipping methods are listed
      When I choose the "<method>" shipping method
      Then the error is the "shippingMethodRequired" message

      Examples:
        | case                                    | method            |
        | a code the store does not have          | unknown           |
        | an extension without its quote (no dot) | without its quote |
        | an empty code                           | (empty)           |
        | without the field                       | (no field)        |

    @id:shipping-method-new-address-unlists @must
    Scenario: a new shipping address drops the quotes listed, which must be listed again
      Given I am logged in
      And my cart holds 1 of the "simple" product
      And the "uk" shipping address is set
      And the "flat" shipping method is chosen
      And the "us" shipping address is set
      When I choose the "flat" shipping method
      Then the error is the "shippingNone" message

    @route:cart/add @id:shipping-method-cart-change-unlists @must
    Scenario: a change to the cart drops the shipping quotes listed
      Given I am logged in
      And my cart holds 1 of the "simple" product
      And the "uk" shipping address is set
      And the shipping methods are listed
      When the cart changes by adding the "with points" product
      And I choose the "flat" shipping method
      Then the error is the "shippingNone" message

  Rule: a cart with nothing to ship needs no shipping, and the shipping routes answer without an error

    OpenCart 3.0.5.0's shipping address route looks at the cart before it checks the token: a request with a token
    that opens no session sees no cart, so it answers `[]` rather than the permission error.

    @route:shipping/address @id:shipping-address-nothing-to-ship @must
    Scenario Outline: a shipping address for a cart with <what> answers an empty list
      Given I am logged in
      And <cart>
      When I send the "uk" address to "api/shipping/address"
      Then the answer is an empty list

      Examples:
        | what                                  | cart                                           |
        | only a product that needs no shipping | my cart holds 1 of the "not shippable" product |
        | nothing in it                         | nothing is in my cart yet                      |

    @route:shipping/address @id:shipping-address-no-session @must
    Scenario Outline: a shipping address sent <how> answers an empty list, not a permission error
      When I call "api/shipping/address" <how>
      Then the answer is an empty list

      Examples:
        | how                   |
        | with an invalid token |
        | without a token       |

    @route:shipping/methods @id:shipping-methods-nothing-to-ship @must
    Scenario: a cart with nothing to ship is quoted no method, without an error
      Given I am logged in
      And my cart holds 1 of the "not shippable" product
      When I call "api/shipping/methods"
      Then the answer is the "ShippingNotRequired" variant
      And the shipping methods list is empty

    @route:shipping/method @id:shipping-method-nothing-to-ship @must
    Scenario: choosing a shipping method for a cart with nothing to ship answers an empty list
      Given I am logged in
      And my cart holds 1 of the "not shippable" product
      When I choose the "flat" shipping method
      Then the answer is an empty list
