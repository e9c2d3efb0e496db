@area:order
Feature: Order statuses: what an order uses while it is processing or complete
  An order's status decides what it takes from the store. The statuses in the store's "processing" and "complete"
  settings (`config_processing_status` ∪ `config_complete_status`; the default status an order is placed in is one of
  them) are the active ones. When an order **enters** an active status from an inactive one (at order/add, or through
  order/history) it is confirmed: each of its total lines records its use — the coupon one use, the gift voucher the
  amount it paid (its balance goes down), the reward points redeemed (the customer's balance goes down), the store
  credit used (a negative transaction) — and the ordered quantities are taken from the stock of the products (and
  option values) that subtract stock. Moving between two active statuses changes nothing. When the order **leaves** the
  active statuses (e.g. to "Canceled", or status 0 as order/edit and order/delete do first) it is voided: the stock comes
  back and those uses are deleted, so the coupon, voucher, points and credit can be used again.
  A use is only recorded while it is still possible when the order enters the active statuses: a coupon with its uses
  in total or by this customer already taken (a limit of 0 is no limit), a gift voucher without balance, or reward
  points the customer no longer has are skipped — an order placed in an inactive status and moved to an active one
  later may find them gone.
  All of this is seen through other routes: api/coupon and api/voucher refuse a coupon without uses left or a voucher
  without balance, api/reward/available gives the customer's points, cart/products shows the store credit line and
  whether a line is in stock. The coupon, gift voucher, customer and product of these scenarios are used by them only
  (conformance extras), and every order ends deleted. See the `order*` operations in openapi.yaml.

  Rule: entering an active status uses the order's coupon, gift voucher, reward points and store credit once; leaving the active statuses gives them back

    @route:order/add @route:order/history @route:coupon @route:voucher @route:reward/available @route:cart/products @id:order-status-uses-discounts @must @writes
    Scenario: a processing order has used its discounts, a canceled one has given them back
      Given I am logged in
      And the order customer is the "with credit and an affiliate account" customer
      And the order cart holds 1 "with points" product
      And the order coupon is the "once, for order statuses" coupon
      And the order uses the "for order statuses" gift voucher
      And the order redeems half the reward points the cart allows
      And the order is prepared for the "with credit and an affiliate account" customer at the "uk" address with "flat" shipping and "cod" payment
      When I place the order
      Then the order is created
      And the "once, for order statuses" coupon is used up
      And the "for order statuses" gift voucher is spent
      And the "with credit and an affiliate account" customer has fewer reward points
      And the "with credit and an affiliate account" customer's store credit is spent
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

    @route:order/add @route:order/history @route:reward @route:reward/available @route:coupon @id:order-status-reward-points-short @must @writes
    Scenario: an order entering a processing status uses its reward points and coupon only while the customer has the points and the coupon has uses left
      Given I am logged in
      And the order customer is the "with reward points for three orders" customer
      And the order cart holds 3 "with points" products
      And the order redeems half the reward points of the "with reward points for three orders" customer
      And the order coupon is the "once, for three orders" coupon
      And the order is prepared for the "with reward points for three orders" customer at the "uk" address with "flat" shipping and "cod" payment
      And I have placed the order in the "canceled" status
      And the order cart holds 3 "with points" products
      And the order redeems half the reward points of the "with reward points for three orders" customer
      And the order coupon is the "once, for three orders" coupon
      And the order shipping method is "flat"
      And the order payment method is "cod"
      And I have placed the order in the "canceled" status
      And the order cart holds 3 "with points" products
      And the order redeems half the reward points of the "with reward points for three orders" customer
      And the order coupon is the "once, for three orders" coupon
      And the order shipping method is "flat"
      And the order payment method is "cod"
      When I place the order
      Then the order is created
      And the "with reward points for three orders" customer has used the redeemed reward points 1 time
      When I move order 1 of this scenario to the "processing" status
      Then the "with reward points for three orders" customer has used the redeemed reward points 2 times
      When I move order 2 of this scenario to the "processing" status
      Then the "with reward points for three orders" customer has used the redeemed reward points 2 times
      When I move order 3 of this scenario to the "canceled" status
      Then the "once, for three orders" coupon can be used again

    @route:order/add @route:order/history @route:coupon @route:voucher @id:order-status-uses-left @must @writes
    Scenario: an order entering a processing status uses its coupon and gift voucher only while they have uses and balance left
      Given I am logged in
      And the order customer is the "with reward points for three orders" customer
      And the order cart holds 1 "simple" product
      And the order coupon is the "once per customer, for order statuses" coupon
      And the order uses the "for two orders" gift voucher
      And the order is prepared for the "with reward points for three orders" customer at the "uk" address with "flat" shipping and "cod" payment
      And I have placed the order in the "canceled" status
      And the order cart holds 1 "simple" product
      And the order coupon is the "once per customer, for order statuses" coupon
      And the order uses the "for two orders" gift voucher
      And the order shipping method is "flat"
      And the order payment method is "cod"
      When I place the order
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

    @route:order/add @route:order/history @route:cart/products @id:order-status-stock @must @writes
    Scenario: the stock follows the order from pending to processing, canceled and complete
      Given I am logged in
      And I have placed an order for 2 "three in stock" products
      Then the store has the "three in stock" product's stock less 2
      When I move the order to the "processing" status
      Then the store has the "three in stock" product's stock less 2
      When I move the order to the "canceled" status
      Then the store has all the "three in stock" product's stock
      When I move the order to the "complete" status
      Then the store has the "three in stock" product's stock less 2

    @route:order/add @route:coupon @id:order-status-coupon-limits @must @writes
    Scenario Outline: a registered customer's order uses up the "<coupon>" coupon
      Given I am logged in
      And the order customer is the "with reward points for three orders" customer
      And the order cart holds 1 "simple" product
      And the order coupon is the "<coupon>" coupon
      And the order is prepared for the "with reward points for three orders" customer at the "uk" address with "flat" shipping and "cod" payment
      When I place the order
      Then the order is created
      And the "<coupon>" coupon is used up

      Examples: a limit of 0 means no limit, and the other limit still counts the use
        | coupon                                   |
        | once per customer, without a total limit |
        | once, without a customer limit           |
