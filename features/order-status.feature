@area:order @writes
Feature: Order statuses: what an order uses while it is processing or complete
  An order's status decides what it takes from the store: an order in an active status (the store's "processing" and
  "complete" statuses) holds the uses of its coupon, gift voucher, reward points and store credit, and its products'
  stock. All of it is seen through other routes (api/coupon, api/voucher, api/reward/available, api/cart/products). The
  coupon, gift voucher, customer and product of these scenarios are used by them only, and every order ends deleted.
  See the operations `orderAdd` and `orderHistory` in openapi.yaml, and their pages in the living documentation
  (`npm run docs`: reports/docs/routes/<operation>.html).

  @route:coupon @route:order/add @route:order/history
  Rule: entering an active status uses the order's coupon, gift voucher, reward points and store credit once; leaving the active statuses gives them back

    The active statuses are the store's processing and complete ones (config_processing_status and
    config_complete_status). A new order takes the store's default status (config_order_status_id, the fixtures'
    `order_statuses.default`): a fresh install's, Pending, is active, but a store may keep it out, so that an order uses
    nothing until it is moved into an active status. A step "… as the order's status says" expects the use while the
    order's status is active and none while it is not; "in an active status" places an order in the default status
    where it is active, else in the "processing" one. Moving between two active statuses changes nothing. A use that is
    no longer possible when the order enters them (a coupon without uses left, a gift voucher without balance, points
    the customer no longer has) is skipped, and the order takes the store's fraud status instead of the one asked for
    (config_fraud_status_id, the fixtures' `order_statuses.fraud`; a fresh install has none).

    @route:cart/add @route:cart/products @route:reward/available @route:voucher @id:order-status-uses-discounts @must
    Scenario: a new order uses its discounts as its status says, a processing one has used them, a canceled one has given them back
      Given the store has its Sub-Total, Coupon, Gift Voucher, Reward Points and Store Credit order totals enabled
      And I am logged in
      And the "with credit and an affiliate account" customer is set
      And my cart holds 1 of the "with points" product
      And the "once, for order statuses" coupon is applied
      And the "for order statuses" gift voucher is applied
      And the order redeems half the reward points the cart allows
      And the order is prepared for the "with credit and an affiliate account" customer at the "uk" address with "flat" shipping and "cod" payment
      When I place the order
      Then the order is created
      And the "once, for order statuses" coupon is used as the order's status says
      And the "for order statuses" gift voucher is spent as the order's status says
      And the "with credit and an affiliate account" customer's redeemed reward points are spent as the order's status says
      And the "with credit and an affiliate account" customer's store credit is spent as the order's status says
      When I move the order to the "processing" status
      Then the "once, for order statuses" coupon is used up
      And the "for order statuses" gift voucher is spent
      And the "with credit and an affiliate account" customer has fewer reward points
      And the "with credit and an affiliate account" customer's store credit is spent
      When I move the order to the "canceled" status
      Then the "once, for order statuses" coupon can be used again
      And the "for order statuses" gift voucher can be used again
      And the "with credit and an affiliate account" customer has all reward points
      And the "with credit and an affiliate account" customer's store credit is all there

    @route:reward/available @route:order/info @id:order-status-reward-points-short @must
    Scenario: an order entering a processing status uses its reward points and coupon only while the customer has the points and the coupon has uses left, and takes the store's fraud status when one is used up
      Given the store has its Sub-Total, Reward Points and Coupon order totals enabled
      And I am logged in
      And the "with reward points for three orders" customer is set
      And my cart holds 3 of the "with points" product
      And the order redeems half the reward points of the "with reward points for three orders" customer
      And the "once, for three orders" coupon is applied
      And the order is prepared for the "with reward points for three orders" customer at the "uk" address with "flat" shipping and "cod" payment
      And I have placed the order in the "canceled" status
      And my cart holds 3 of the "with points" product
      And the order redeems half the reward points of the "with reward points for three orders" customer
      And the "once, for three orders" coupon is applied
      And the "flat" shipping method is chosen
      And the "cod" payment method is chosen
      And I have placed the order in the "canceled" status
      And my cart holds 3 of the "with points" product
      And the order redeems half the reward points of the "with reward points for three orders" customer
      And the "once, for three orders" coupon is applied
      And the "flat" shipping method is chosen
      And the "cod" payment method is chosen
      When I place the order in an active status
      Then the order is created
      And the "with reward points for three orders" customer has used the redeemed reward points 1 time
      When I move order 1 of this scenario to the "processing" status
      Then the "with reward points for three orders" customer has used the redeemed reward points 2 times
      And order 1 of this scenario is in the store's fraud status, or in the "processing" status where the store has none
      When I move order 2 of this scenario to the "processing" status
      Then the "with reward points for three orders" customer has used the redeemed reward points 2 times
      When I move order 3 of this scenario to the "canceled" status
      Then the "once, for three orders" coupon can be used again

    @route:voucher @id:order-status-uses-left @must
    Scenario: an order entering a processing status uses its coupon and gift voucher only while they have uses and balance left
      Given the store has its Sub-Total, Coupon and Gift Voucher order totals enabled
      And I am logged in
      And the "with reward points for three orders" customer is set
      And my cart holds 1 of the "simple" product
      And the "once per customer, for order statuses" coupon is applied
      And the "for two orders" gift voucher is applied
      And the order is prepared for the "with reward points for three orders" customer at the "uk" address with "flat" shipping and "cod" payment
      And I have placed the order in the "canceled" status
      And my cart holds 1 of the "simple" product
      And the "once per customer, for order statuses" coupon is applied
      And the "for two orders" gift voucher is applied
      And the "flat" shipping method is chosen
      And the "cod" payment method is chosen
      When I place the order in an active status
      Then the order is created
      And the "once per customer, for order statuses" coupon is used up
      And the "for two orders" gift voucher is spent
      When I move order 1 of this scenario to the "processing" status
      And I move order 2 of this scenario to the "canceled" status
      Then the "once per customer, for order statuses" coupon can be used again
      And the "for two orders" gift voucher can be used again

  Rule: an active order holds its products' stock once; leaving the active statuses gives it back, entering them again takes it again

    A product with little stock shows how much is left through cart/products: a line of what is left is in stock, one
    more is not.

    @route:cart/add @route:cart/edit @route:cart/products @route:cart/remove @route:order/history @id:order-status-stock @must
    Scenario: the stock follows the order from its first status to processing, canceled and complete
      Given I am logged in
      And I have placed an order for 2 "three in stock" products
      Then the store has the "three in stock" product's stock less 2 as the order's status says
      When I move the order to the "processing" status
      Then the store has the "three in stock" product's stock less 2
      When I move the order to the "canceled" status
      Then the store has all the "three in stock" product's stock
      When I move the order to the "complete" status
      Then the store has the "three in stock" product's stock less 2

    @route:coupon @route:order/add @id:order-status-coupon-limits @must
    Scenario Outline: a registered customer's order uses up the "<coupon>" coupon
      Given the store has its Sub-Total and Coupon order totals enabled
      And I am logged in
      And the "with reward points for three orders" customer is set
      And my cart holds 1 of the "simple" product
      And the "<coupon>" coupon is applied
      And the order is prepared for the "with reward points for three orders" customer at the "uk" address with "flat" shipping and "cod" payment
      When I place the order in an active status
      Then the order is created
      And the "<coupon>" coupon is used up

      Examples: a limit of 0 means no limit, and the other limit still counts the use
        | coupon                                   |
        | once per customer, without a total limit |
        | once, without a customer limit           |
