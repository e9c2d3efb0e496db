@area:order @route:order/add @writes
Feature: The checkout journey, for every shipping and payment method the store offers
  A client checks out through the routes in this order: fill the cart, apply discounts, set the customer and the
  payment address, the shipping address and method (only for a cart to ship), then the payment method (last: which
  methods are offered depends on the total), and place the order. The methods are store data, named by role in the
  fixtures; the shipping role "none" stands for a cart with nothing to ship.
  See the operations `orderAdd` and `orderInfo` in openapi.yaml, and their pages in the living documentation (`npm
  run docs`: reports/docs/routes/<operation>.html).

  Rule: every shipping and payment combination the store offers produces an order

    @route:order/info @id:journey-shipping-payment @must
    Scenario Outline: "<shipping>" shipping and "<payment>" payment for <cart>
      Given I am logged in
      And my cart holds <cart>
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
        | shipping | payment | cart                                                                                                             | address |
        | flat     | cod     | 1 of the "simple" product                                                                                        | uk      |
        | flat     | cod     | 1 of the "with a required select" product with its "select" option "Blue"                                        | us      |
        | flat     | free    | 1 of the "with a required select" product with its "select" option "Blue", paid by the "for orders" gift voucher | us      |

      Examples: a cart with nothing to ship
        | shipping | payment | cart                                                                                  | address |
        | none     | free    | a gift voucher of 10 within the store's limits, paid by the "for orders" gift voucher | us      |

  Rule: a cart with nothing to ship that costs something has no payment method in the demo store

    Cash on delivery needs a cart to ship and free checkout a total of zero, so a product that needs no shipping is
    offered no payment method at all (OpenCart 3.0.5.0 answers `{"payment_methods": [], "error": …}`), and order/add, even with
    the method in its body, is refused for want of one.

    @route:payment/methods @id:journey-not-shippable-no-payment @must
    Scenario: a product that needs no shipping cannot be paid for
      Given I am logged in
      And my cart holds 1 of the "not shippable" product
      And the "guest" customer is set
      And the "us" payment address is set
      When I ask which payment methods the order can use
      Then no payment method is offered
      When I place the order with:
        | payment_method | {{payment_methods.cod.code}} |
      Then the order is refused with the "paymentMethodRequired" message
