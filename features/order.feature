@area:order
Feature: Orders: placing, reading, changing and deleting them
  `api/order/add` turns the prepared session (cart, customer, addresses and methods) into an order; `api/order/info`,
  `api/order/edit`, `api/order/history` and `api/order/delete` read, rebuild, move and remove an order named by
  `order_id` in the query string. Each order a scenario creates is deleted again when it ends, whatever the outcome.
  See the operations `orderAdd`, `orderInfo`, `orderEdit`, `orderHistory` and `orderDelete` in openapi.yaml, and
  their pages in the living documentation (`npm run docs`: reports/docs/routes/<operation>.html).

  @route:order/add @writes
  Rule: a prepared session becomes an order that order/info returns as it was sent

    The happy path runs every checkout route once, in another currency and with a coupon, and reads the order back.
    The stored total is in the store's default currency; formatted in the order's currency (total × currency value,
    rounded to two decimals) it is the cart's Total just before the order.

    @route:order/info @id:order-add-happy-path @must
    Scenario: the full checkout from login to order id, read back with order/info
      Given I am logged in
      And the session currency is the "other" currency
      And my cart holds 1 of the "with a required select" product with its "select" option "Blue"
      And the "percent" coupon is applied
      And the "guest" customer is set
      And the "uk" payment address is set
      And the "uk" shipping address is set
      And the "flat" shipping method is chosen
      And the "cod" payment method is chosen
      And I note the cart's Total, with the "percent" coupon applied
      When I place the order
      Then the order is created
      When I call "api/order/info" for the order
      Then the order keeps the "guest" customer
      And the order's payment address is the "uk" address
      And the order's shipping address is the "uk" address
      And the order's payment method is "cod"
      And the order's shipping method is "flat"
      And the order's currency is the "other" currency
      And the order's currency value is the rate of the "other" currency
      And the order's status is "default"
      And the order total is the cart's Total I noted

    @route:order/info @id:order-add-methods-in-body @must
    Scenario: payment_method and shipping_method in the order/add body choose the methods listed before
      Given I am logged in
      And my cart holds 1 of the "simple" product
      And the "guest" customer is set
      And the "uk" payment address is set
      And the "uk" shipping address is set
      And the shipping methods are listed
      And the payment methods are listed
      When I place the order with:
        | payment_method  | {{payment_methods.cod.code}}  |
        | shipping_method | {{shipping_methods.flat.code}} |
      Then the order is created
      When I call "api/order/info" for the order
      Then the order's payment method is "cod"
      And the order's shipping method is "flat"

    # Placed in a status that takes no stock (canceled), so that the stock other scenarios read stays as provisioned.
    @route:cart/products @id:order-add-beyond-stock @must
    Scenario: an order for more than the store has in stock is taken where the store sells beyond its stock, and refused where it does not
      Given I am logged in
      And my cart holds more of the "three in stock" product than its stock
      And the order is prepared for the "guest" customer at the "uk" address with "flat" shipping and "cod" payment
      When I call "api/cart/products"
      Then the cart line of the "three in stock" product is marked as the store's stock settings say
      When I place the order with:
        | order_status_id | {{order_statuses.canceled.order_status_id}} |
      Then the order is taken where the store sells beyond its stock, and refused where it does not

    @id:order-add-success-message @should
    Scenario: order/add says it modified orders
      Given I am logged in
      And my cart holds 1 of the "simple" product
      And the order is prepared for the "guest" customer at the "uk" address with "flat" shipping and "cod" payment
      When I place the order
      Then the answer is a success saying the "orderSuccess" message

  @route:order/info @writes
  Rule: the order keeps the store, the request and the optional fields of order/add as the store writes them

    order/add writes the store's settings (name, URL, invoice prefix, language), the codes of the addresses' country
    and zone, the forwarded address of the request (`X-Forwarded-For`, else `Client-IP`, else empty), the posted
    `comment`, and the posted `affiliate_id` when it names an affiliate (commission = sub-total / 100 × its rate).
    A posted `order_status_id` is the order's first status instead of the store's default one. A comment longer than
    a MySQL TEXT column (65535 bytes) is cut to what the column keeps, at a character boundary.

    @route:order/add @id:order-add-store-and-request @must
    Scenario Outline: the order names the store, the codes of its addresses and the address the <header> header forwarded
      Given I am logged in
      And my cart holds 1 of the "simple" product
      And the order is prepared for the "guest" customer at the "uk" address with "flat" shipping and "cod" payment
      When I place the order from a request with the "<header>" header
      Then the order is created
      When I call "api/order/info" for the order
      Then the order names the store that took it
      And the order's payment address carries the codes of the "uk" address
      And the order's shipping address carries the codes of the "uk" address
      And the order's forwarded_ip is the address the header gave
      And the order has no affiliate

      Examples:
        | header          |
        | X-Forwarded-For |
        | Client-IP       |

    @id:order-add-no-forwarded-address @must
    Scenario: an order/add without a comment and without forwarding or language headers leaves those fields empty
      Given I am logged in
      And I have placed an order
      When I call "api/order/info" for the order
      Then the order has no comment, no forwarded address and no accepted language

    @route:order/add @id:order-add-not-an-affiliate @must
    Scenario: an affiliate_id that names no affiliate leaves the order without one
      Given I am logged in
      And my cart holds 1 of the "simple" product
      And the order is prepared for the "guest" customer at the "uk" address with "flat" shipping and "cod" payment
      When I place the order with:
        | affiliate_id | {{customers.unknown.customer_id}} |
      Then the order is created
      When I call "api/order/info" for the order
      Then the order has no affiliate

    @route:order/add @id:order-add-affiliate @must
    Scenario: an affiliate_id that names an affiliate gives the order its affiliate and commission
      Given I am logged in
      And my cart holds 1 of the "simple" product
      And the order is prepared for the "guest" customer at the "uk" address with "flat" shipping and "cod" payment
      When I place the order with:
        | affiliate_id | {{customers.with credit and an affiliate account.customer_id}} |
        | comment      | for the affiliate                                             |
      Then the order is created
      When I call "api/order/info" for the order
      Then the order's affiliate is the "with credit and an affiliate account" customer, with its commission on the sub-total of 1 "simple" product
      And the answer field "order.comment" is "for the affiliate"

    @route:order/add @id:order-add-posted-status @must
    Scenario: an order_status_id in the order/add body is the order's first status
      Given I am logged in
      And my cart holds 1 of the "simple" product
      And the order is prepared for the "guest" customer at the "uk" address with "flat" shipping and "cod" payment
      When I place the order with:
        | order_status_id | {{order_statuses.processing.order_status_id}} |
      Then the order is created
      When I call "api/order/info" for the order
      Then the order's status is "processing"

    @route:order/add @id:order-add-long-comment @should
    Scenario Outline: a comment of <count> "<filler>" and one "<tail>" is kept as a TEXT column keeps it
      Given I am logged in
      And my cart holds 1 of the "simple" product
      And the order is prepared for the "guest" customer at the "uk" address with "flat" shipping and "cod" payment
      When I place the order with a comment of <count> "<filler>" and one "<tail>"
      Then the order is created
      When I call "api/order/info" for the order
      Then the order's comment is what a TEXT column keeps of it

      Examples: cut after 65535 bytes, or whole when it fits
        | count | filler | tail |
        | 65535 | a      | b    |
        | 65534 | a      | é    |
        | 65534 | a      | b    |

  @route:order/add @writes
  Rule: order/add reports the last failing precondition as its one error, and creates no order

    Its checks run in a fixed order — customer, payment address, payment method, shipping address, shipping method,
    products and stock, minimum quantity — and each failing check overwrites the message of an earlier one, so the
    text is the contract: it is the only way to tell which precondition failed. A store that sells beyond its stock
    (Stock Checkout on, `config_stock_checkout`) takes a cart beyond it: that example is not applicable there, and
    `order-add-beyond-stock` judges it.
    Each example prepares a full session — 1 "simple" product, the "guest" customer, the "uk" addresses, "flat"
    shipping, "cod" payment — except for the named state. A created order would empty the cart, so a cart left as it
    was shows that no order was made. An address left out also leaves out its method, which cannot be chosen without it.

    @route:cart/products @id:order-add-precondition @must
    Scenario Outline: a session in which <state> is refused with "<message>"
      Given I am logged in
      And the order session is prepared except that <state>
      When I place the order
      Then the order is refused with the "<message>" message
      And the order cart is left as it was

      Examples: one precondition not met
        | state                                           | message                |
        | no customer was given                           | customerRequired       |
        | no payment address was given                    | paymentMethodRequired  |
        | no payment method was chosen                    | paymentMethodRequired  |
        | no shipping address was given                   | shippingMethodRequired |
        | no shipping method was chosen                   | shippingMethodRequired |
        | the cart was emptied                            | orderStock             |
        | the cart holds more than the store has in stock | orderStock             |
        | the cart holds less than a product's minimum    | orderMinimum           |

      Examples: several preconditions not met: the later check overwrites the earlier
        | state                                                                         | message                |
        | no customer was given and no shipping method was chosen                       | shippingMethodRequired |
        | no customer was given and the cart was emptied                                | orderStock             |
        | no payment address was given and the cart holds less than a product's minimum | orderMinimum           |

      Examples: a product's minimum counts the lines of that product only
        | state                                                          | message      |
        | the cart holds less than a product's minimum beside another one | orderMinimum |

    @id:order-add-fresh-session @must
    Scenario: a session with nothing set is told about the (empty) cart, the last check
      Given I am logged in
      When I place the order
      Then the order is refused with the "orderStock" message

    @id:order-add-unknown-method-in-body @must
    Scenario Outline: an unknown <field> in the order/add body is refused even when a method was chosen before, which stays chosen
      Given I am logged in
      And my cart holds 1 of the "simple" product
      And the order is prepared for the "guest" customer at the "uk" address with "flat" shipping and "cod" payment
      When I place the order with:
        | <field> | <value> |
      Then the order is refused with the "<message>" message
      When I place the order
      Then the order is created

      Examples:
        | field           | value                             | message                |
        | payment_method  | no-such-method                    | paymentMethodRequired  |
        | shipping_method | no-such-method                    | shippingMethodRequired |
        | shipping_method | {{shipping_methods.unknown.code}} | shippingMethodRequired |
        | shipping_method | {{shipping_methods.without its quote.code}} | shippingMethodRequired |

    @route:cart/products @id:order-add-method-in-body-before-listing @must
    Scenario: a shipping_method in the order/add body before the shipping methods were listed is refused
      Given I am logged in
      And the order session is prepared except that no shipping method was chosen
      When I place the order with:
        | shipping_method | {{shipping_methods.flat.code}} |
      Then the order is refused with the "shippingMethodRequired" message
      And the order cart is left as it was

  Rule: after an order the cart is empty and the rest of the session stays

    In OpenCart 3.0.5.0 the customer, both addresses, both methods and the gift vouchers bought stay in the
    session, so order/add straight after an order succeeds when a gift voucher is left to sell. An order with nothing to
    ship has no shipping address, and it takes the shipping address and methods out of the session: a product to ship
    added afterwards needs them set again.

    @route:cart/add @route:cart/products @route:order/add @route:order/info @route:shipping/methods @id:order-add-session-kept @must @writes
    Scenario: a gift voucher left in the session is a second order without setting anything again
      Given I am logged in
      And my cart holds 1 of the "simple" product
      And my cart holds a gift voucher of 10 within the store's limits
      And the order is prepared for the "guest" customer at the "uk" address with "flat" shipping and "cod" payment
      When I place the order
      Then the order is created
      When I call "api/cart/products"
      Then the order cart holds no products but still the gift voucher
      When I place the order again
      Then the order is created
      When I call "api/order/info" for the order
      Then the order keeps the "guest" customer
      And the order's payment address is the "uk" address
      And the order's payment method is "cod"
      And the order's shipping method is "none"
      And the order has no shipping address
      When my cart holds 1 of the "simple" product
      And I call "api/shipping/methods"
      Then the answer is the "ShippingAddressRequired" variant

  Rule: order/info returns the order named in the query string

    @route:order/info @id:order-info-valid @must @writes
    Scenario Outline: order/info by <method> answers the order and the success message
      Given I am logged in
      And I have placed an order
      When I look the order up with <method>
      Then the answer is the "OrderInfo" variant
      And the order is the one I placed
      And the order keeps the "guest" customer

      Examples:
        | method |
        | GET    |
        | POST   |

    @route:order/info @id:order-info-shape @must @writes
    Scenario: the order has the 65 documented fields in order, strings but for the decoded custom fields
      Given I am logged in
      And I have placed an order
      When I call "api/order/info" for the order
      Then the answer is the "OrderInfo" variant
      And the order's fields come in the documented order

    @route:order/info @id:order-info-not-found @must
    Scenario Outline: order/info <case> is not found
      Given I am logged in
      When I call "api/order/info" <case>
      Then the answer is the "OrderNotFound" variant

      Examples:
        | case                                 |
        | for an order the store does not have |
        | without an order id                  |

    @route:order/info @id:order-info-id-in-body @must @writes
    Scenario: an order_id in the body is not read: the order is not found
      Given I am logged in
      And I have placed an order
      When I look the order up with its id in the body instead of the query
      Then the answer is the "OrderNotFound" variant

    @id:order-not-found-message @should
    Scenario Outline: <route> says in the store's language that the order could not be found
      Given I am logged in
      When I call "<route>" for an order the store does not have
      Then the error is the "orderNotFound" message

      @route:order/info
      Examples: a route that only reads
        | route          |
        | api/order/info |

      @route:order/history @writes
      Examples: a route that changes an order
        | route             |
        | api/order/history |

      @route:order/delete @writes
      Examples: a route that deletes an order
        | route            |
        | api/order/delete |

    @route:order/info @id:order-info-success-message @should @writes
    Scenario: order/info says it modified orders
      Given I am logged in
      And I have placed an order
      When I call "api/order/info" for the order
      Then the answer is a success saying the "orderSuccess" message

  @route:order/edit @route:order/info @writes
  Rule: order/edit rebuilds an existing order from a session prepared again

    As the admin edits an order: order_id in the query, and the session prepared as for order/add. A cart change drops
    the chosen methods, so they are chosen again. Unlike order/add, order/edit leaves the cart as it was (a cart read
    afterwards still shows the edited lines).

    @route:cart/products @id:order-edit-changes @must
    Scenario: a new cart and shipping address replace the order's, and its total follows
      Given I am logged in
      And I have placed an order
      And my cart holds 3 of the "simple" product
      And the "germany" shipping address is set
      And the "flat" shipping method is chosen
      And the "cod" payment method is chosen
      And I note the cart's Total
      When I call "api/order/edit" for the order with:
        | comment | edited by the conformance suite |
      Then the answer is the "Success" variant
      When I call "api/order/info" for the order
      Then the order's shipping address is the "germany" address
      And the order total is the cart's Total I noted
      And the answer field "order.comment" is "edited by the conformance suite"
      And the order cart is left as it was

    @id:order-edit-not-found @must
    Scenario Outline: order/edit <case> is not found and changes nothing
      Given I am logged in
      And I have placed an order
      And my cart holds 3 of the "simple" product
      And the "germany" shipping address is set
      And the "flat" shipping method is chosen
      And the "cod" payment method is chosen
      When I call "api/order/edit" <case>
      Then the answer is the "OrderRejected" variant
      And the error is the "orderNotFound" message
      And the order is unchanged

      Examples:
        | case                                 |
        | for an order the store does not have |
        | without an order id                  |

    @id:order-edit-methods-cleared @must
    Scenario: after cart/add the methods are gone, so order/edit asks for a shipping method
      Given I am logged in
      And I have placed an order
      And my cart holds 3 of the "simple" product
      When I call "api/order/edit" for the order
      Then the order is refused with the "shippingMethodRequired" message
      And the order is unchanged

  @route:order/history @writes
  Rule: order/history gives the order a new status

    The status id is not checked against the store's statuses; an empty body is accepted and sets status 0, which has
    no name (order/info then gives `order_status` null).

    @route:order/info @id:order-history-status @must
    Scenario: a status with a comment becomes the order's status
      Given I am logged in
      And I have placed an order
      When I call "api/order/history" for the order with:
        | order_status_id | {{order_statuses.processing.order_status_id}} |
        | notify          | 0                                             |
        | override        | 0                                             |
        | comment         | processing now                                |
      Then the answer is the "Success" variant
      When I call "api/order/info" for the order
      Then the order's status is "processing"

    @route:order/info @id:order-history-empty-body @must
    Scenario: an empty body is accepted and leaves the order without a status
      Given I am logged in
      And I have placed an order
      When I call "api/order/history" for the order
      Then the answer is the "Success" variant
      When I call "api/order/info" for the order
      Then the order has status id 0 and no status name

    @id:order-history-not-found @must
    Scenario: a history entry for an order the store does not have is not found
      Given I am logged in
      When I call "api/order/history" for an order the store does not have with:
        | order_status_id | {{order_statuses.processing.order_status_id}} |
      Then the answer is the "OrderNotFound" variant

    @id:order-history-success-message @should
    Scenario: order/history says it modified orders
      Given I am logged in
      And I have placed an order
      When I call "api/order/history" for the order with:
        | order_status_id | {{order_statuses.processing.order_status_id}} |
      Then the answer is a success saying the "orderSuccess" message

  @route:order/delete @writes
  Rule: order/delete removes the order and gives back its stock

    An order in a processing status (the default status is one) took its products' stock when it was placed; deleting
    it gives the stock back. The product whose fixtures name a "low stock value" shows it through cart/products.

    @route:order/info @id:order-delete-gone @must
    Scenario: a deleted order is gone, and deleting it again is not found
      Given I am logged in
      And I have placed an order
      When I call "api/order/delete" for the order
      Then the answer is the "Success" variant
      When I call "api/order/info" for the order
      Then the answer is the "OrderNotFound" variant
      When I call "api/order/delete" for the order
      Then the answer is the "OrderNotFound" variant

    @id:order-delete-not-found @must
    Scenario Outline: order/delete <case> is not found
      Given I am logged in
      When I call "api/order/delete" <case>
      Then the answer is the "OrderNotFound" variant

      Examples:
        | case                                 |
        | for an order the store does not have |
        | without an order id                  |

    @route:cart/products @id:order-delete-restocks @must
    Scenario: stock taken by an order comes back when it is deleted
      Given I am logged in
      And I have placed an order, in an active status, for all the stock of the "with a required select" product's low stock value
      And my cart holds 1 of the "with a required select" product with its low stock value
      When I call "api/cart/products"
      Then the order cart's line is out of stock
      When I call "api/order/delete" for the order
      Then the answer is the "Success" variant
      When I call "api/cart/products"
      Then the order cart's line is in stock

    @id:order-delete-success-message @should
    Scenario: order/delete says it modified orders
      Given I am logged in
      And I have placed an order
      When I call "api/order/delete" for the order
      Then the answer is a success saying the "orderSuccess" message
