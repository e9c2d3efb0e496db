@area:order
Feature: The checkout journey, for every shipping and payment method the store offers
  A client checks out through the routes in this order: fill the cart (`api/cart/add`, `api/voucher/add`), apply
  discounts (`api/coupon`, `api/voucher`), set the customer (`api/customer`), the payment address, the shipping address
  and method (`api/shipping/address`, `api/shipping/methods`, `api/shipping/method`, only for a cart with something to
  ship), then the payment method (`api/payment/methods`, `api/payment/method`; last, because which methods are offered
  depends on the total), and places the order (`api/order/add`).
  Which methods exist is store data: the fixtures name them as roles (`shipping_methods`, `payment_methods`). The demo
  store ships by "flat" rate and takes "cod" (cash on delivery: only for a cart to ship, with a total above zero) and
  "free" checkout (only for a total of zero or less). A cart with nothing to ship has no shipping method: the shipping
  role "none" stands for that, proven by `api/shipping/methods` answering `{"shipping_methods": []}` and by an order
  whose shipping fields are empty. A gift voucher with a balance that covers the whole order brings the total to zero.
  Each example below is one combination, and each ends in an order read back with `api/order/info`.

  Rule: every shipping and payment combination the store offers produces an order

    @route:order/add @route:order/info @id:journey-shipping-payment @must @writes
    Scenario Outline: "<shipping>" shipping and "<payment>" payment for <cart>
      Given I am logged in
      And the order cart holds <cart>
      And the order is prepared for the "guest" customer at the "<address>" address with "<shipping>" shipping and "<payment>" payment
      And I note the cart's Total
      When I place the order
      Then the order is created
      When I call "api/order/info" for the order
      Then the order's shipping method is "<shipping>"
      And the order's payment method is "<payment>"
      And the order's payment address is the "<address>" address
      And the order total is the cart's Total I noted

      Examples: a cart to ship
        | shipping | payment | cart                                                                                    | address |
        | flat     | cod     | 1 "simple" product                                                                      | uk      |
        | flat     | cod     | 1 "with a required select" product with select "Blue"                                   | us      |
        | flat     | free    | 1 "with a required select" product with select "Blue", paid by the "for orders" gift voucher | us      |

      Examples: a cart with nothing to ship
        | shipping | payment | cart                                                   | address |
        | none     | free    | a gift voucher of 10, paid by the "for orders" gift voucher | us      |

  Rule: a cart with nothing to ship that costs something has no payment method in the demo store

    Cash on delivery needs a cart to ship and free checkout a total of zero, so a product that needs no shipping is
    offered no payment method at all (OpenCart 3.0.5.0 answers `{"payment_methods": [], "error": …}`), and order/add, even with
    the method in its body, is refused for want of one.

    @route:payment/methods @route:order/add @id:journey-not-shippable-no-payment @must @writes
    Scenario: a product that needs no shipping cannot be paid for
      Given I am logged in
      And the order cart holds 1 "not shippable" product
      And the order customer is the "guest" customer
      And the order payment address is the "us" address
      When I ask which payment methods the order can use
      Then no payment method is offered
      When I place the order with:
        | payment_method | {{payment_methods.cod.code}} |
      Then the order is refused with the "paymentMethodRequired" message
